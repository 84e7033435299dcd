package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.aicon.gateway.events.BoundedStreamsProfile.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resume from far back: 10,000 outbox events are replayed in pages of 50 while 2,000 more are written, so live
 * events arrive throughout the replay, more than a page of them. Every event arrives once, in order, and the most
 * events the stream ever held in memory (the unwritten part of a page plus the live events held meanwhile,
 * {@code aicon_sse_stream_events_held_peak}) stays within one page.
 */
@QuarkusTest
@TestProfile(BoundedStreamsProfile.class)
class PagedReplayTest {

    private static final int BATCH = 500;
    private static final int REPLAYED = 10_000;
    private static final int LIVE = 2_000;

    @Inject
    GuardedStore store;

    @Inject
    EventDispatcher dispatcher;

    @Inject
    MeterRegistry registry;

    private void write(String type, String prefix, int count) {
        for (int batch = 0; batch < count / BATCH; batch++) {
            List<StoreWrite> writes = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                ObjectNode document =
                        Fixtures.MAPPER.createObjectNode().put("name", "n").put("aicon_type", type);
                document.putObject(AIcon.FACTORS);
                writes.add(new StoreWrite(
                        TenantId.DEFAULT,
                        AIcon.fromDocument(prefix + "-" + batch + "-" + i, document)
                                .stamped(1, Timestamps.now()),
                        0,
                        new StoreWrite.Replace()));
            }
            store.writeAll(writes).await().atMost(Duration.ofSeconds(30));
        }
    }

    private long newest() {
        return store.eventRange().await().atMost(Duration.ofSeconds(5)).newest();
    }

    @Test
    void aResumeFromFarBackIsPagedCompleteAndInOrderAndGoesLiveWithoutGapsOrRepeats() throws Exception {
        String type = Fixtures.uniqueId("paged");
        long start = newest();
        write(type, "replayed", REPLAYED);
        long written = newest();
        assertEquals(start + REPLAYED, written, "the memory store's ids are one apart");
        Awaitility.await("the dispatcher has delivered the events to be replayed")
                .atMost(Duration.ofSeconds(20))
                .until(() -> dispatcher.position() >= written);

        try (SseClient client = SseClient.connect(
                RestAssured.baseURI + ":" + RestAssured.port + "/v1/events?aicon_type=" + type, Long.toString(start))) {
            assertEquals(200, client.status());
            write(type, "live", LIVE);
            long last = newest();
            write(type, "marker", BATCH);

            List<SseClient.Event> events = client.take(REPLAYED + LIVE + BATCH, Duration.ofSeconds(120));
            for (int i = 0; i < events.size(); i++) {
                assertEquals(start + 1 + i, Long.parseLong(events.get(i).id()), "event " + i + " of the stream");
            }
            assertEquals(
                    last + BATCH, Long.parseLong(events.get(events.size() - 1).id()));
        }
        double held = registry.get("aicon.sse.stream.events.held.peak").gauge().value();
        assertTrue(held > 0 && held <= PAGE, "one stream held " + held + " events at most (page " + PAGE + ")");
    }
}
