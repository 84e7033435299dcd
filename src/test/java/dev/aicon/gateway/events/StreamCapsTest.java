package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.aicon.gateway.events.BoundedStreamsProfile.MAX_PER_CLIENT;
import static dev.aicon.gateway.events.BoundedStreamsProfile.MAX_STREAMS;
import static dev.aicon.gateway.events.BoundedStreamsProfile.RETRY_AFTER_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The caps on open SSE streams, per gateway and per client address, with clients on distinct loopback addresses
 * (127.0.0.1, .2, .3): past a cap the answer is 429 {@code too-many-streams} with {@code Retry-After} and a
 * problem body naming the cap; a forwarding header does not change who the client is (proxy address forwarding is
 * off); and a slot comes back however its stream ends (the client goes, the gateway cuts it off, the gateway shuts
 * down), so a new stream can take it.
 */
@QuarkusTest
@TestProfile(BoundedStreamsProfile.class)
class StreamCapsTest {

    private static final String PATH = "/v1/events?aicon_type=caps";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    StreamSlots slots;

    @Inject
    EventHub hub;

    private final List<RawStream> opened = new ArrayList<>();

    @AfterEach
    void closeStreams() throws IOException {
        for (RawStream stream : opened) {
            stream.close();
        }
        awaitOpen(0);
    }

    private RawStream open(String from, String... headers) throws IOException {
        RawStream stream = RawStream.open(from, PATH, WAIT, headers);
        opened.add(stream);
        return stream;
    }

    private RawStream openOk(String from) throws IOException {
        RawStream stream = open(from);
        assertEquals(200, stream.status, stream.body);
        return stream;
    }

    private void awaitOpen(int count) {
        Awaitility.await(count + " open streams").atMost(WAIT).until(() -> slots.open() == count);
    }

    private static void assertTooManyStreams(RawStream refused, String key) {
        assertEquals(429, refused.status);
        assertEquals("application/problem+json", refused.headers.get("content-type"));
        assertEquals(Integer.toString(RETRY_AFTER_SECONDS), refused.headers.get("retry-after"));
        JsonNode problem = Fixtures.json(refused.body);
        assertEquals("urn:aicon:problem:too-many-streams", problem.get("type").asText());
        assertEquals(429, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("(" + key + ")"), problem.toString());
    }

    @Test
    void aClientPastItsCapGets429AndAForwardingHeaderDoesNotMakeItAnotherClient() throws IOException {
        RawStream first = openOk("127.0.0.1");
        for (int i = 1; i < MAX_PER_CLIENT; i++) {
            openOk("127.0.0.1");
        }
        assertEquals(MAX_PER_CLIENT, slots.openBy("127.0.0.1"));

        assertTooManyStreams(
                open("127.0.0.1", "X-Forwarded-For: 203.0.113.9", "Forwarded: for=203.0.113.9"),
                "aicon.events.max-streams-per-client");
        assertEquals(0, slots.openBy("203.0.113.9"));
        assertEquals(MAX_PER_CLIENT, slots.open(), "a refused stream holds no slot");

        first.close();
        Awaitility.await("the departed client's slot is free")
                .atMost(WAIT)
                .until(() -> slots.openBy("127.0.0.1") == MAX_PER_CLIENT - 1);
        openOk("127.0.0.1");
    }

    @Test
    void theGatewayCapCountsTheStreamsOfEveryClient() throws IOException {
        openOk("127.0.0.1");
        openOk("127.0.0.1");
        RawStream other = openOk("127.0.0.2");
        assertEquals(MAX_STREAMS, slots.open());

        assertTooManyStreams(open("127.0.0.3"), "aicon.events.max-streams");

        other.close();
        awaitOpen(MAX_STREAMS - 1);
        openOk("127.0.0.3");
    }

    @Test
    void slotsComeBackWhenTheGatewayCutsStreamsOffOrShutsThemDown() throws IOException {
        List<RawStream> streams = List.of(openOk("127.0.0.1"), openOk("127.0.0.1"), openOk("127.0.0.2"));
        hub.interruptAll("events were dropped (test)");
        awaitOpen(0);
        for (RawStream stream : streams) {
            assertTrue(stream.rest().contains("event: error"), "the cut-off stream was told why");
        }

        streams = List.of(openOk("127.0.0.1"), openOk("127.0.0.2"), openOk("127.0.0.3"));
        hub.closeAll("this gateway is shutting down (test)");
        awaitOpen(0);
        for (RawStream stream : streams) {
            assertTrue(stream.rest().contains("event: shutdown"), "the stream was told the gateway stops");
        }

        for (int i = 0; i < MAX_STREAMS; i++) {
            openOk("127.0.0." + (i + 1));
        }
        assertEquals(MAX_STREAMS, slots.open());
    }
}
