package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.SseClient;
import dev.aicon.gateway.support.TinyOutboxProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst larger than the in-memory outbox, written faster than it is delivered: the events dropped from memory
 * are never skipped silently. Streams are ended with {@code event: error}, and a client that resumes is told to
 * reload ({@code event: reset}).
 */
@QuarkusTest
@TestProfile(TinyOutboxProfile.class)
class DroppedEventsTest {

    @Inject
    GuardedStore store;

    private static String url() {
        return RestAssured.baseURI + ":" + RestAssured.port + "/v1/events?aicon_type=burst";
    }

    @Test
    void streamsThatWouldMissDroppedEventsAreEndedAndTheResumeIsToldToReload() throws Exception {
        String prefix = Fixtures.uniqueId("burst");
        List<StoreWrite> writes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ObjectNode document =
                    Fixtures.MAPPER.createObjectNode().put("name", "n").put("aicon_type", "burst");
            document.putObject(AIcon.FACTORS);
            writes.add(new StoreWrite(
                    TenantId.DEFAULT,
                    AIcon.fromDocument(prefix + "-" + i, document).stamped(1, Timestamps.now()),
                    0,
                    new StoreWrite.Replace()));
        }
        String lastSeen = null;
        try (SseClient client = SseClient.connect(url(), null)) {
            store.writeAll(writes).await().atMost(Duration.ofSeconds(30));
            SseClient.Event event;
            while ((event = client.next(Duration.ofSeconds(10))) != null && !"error".equals(event.event())) {
                lastSeen = event.id();
            }
            assertNotNull(event, "the stream is ended, not left with a silent gap");
            assertTrue(event.data().contains("dropped before delivery"), event.data());
        }
        String resumeFrom = lastSeen != null ? lastSeen : "1";
        try (SseClient resumed = SseClient.connect(url(), resumeFrom)) {
            SseClient.Event first = resumed.next(Duration.ofSeconds(10));
            assertNotNull(first);
            assertEquals("reset", first.event());
        }
    }
}
