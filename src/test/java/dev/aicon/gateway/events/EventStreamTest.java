package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.ImportRootAndFastEventsProfile;
import dev.aicon.gateway.support.SseClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SSE change streams through a real HTTP client: order, kinds, resume with Last-Event-ID, filters, heartbeats. */
@QuarkusTest
@TestProfile(ImportRootAndFastEventsProfile.class)
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String url(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }

    private static void put(String id, String name) {
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).put("name", name).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static JsonNode data(SseClient.Event event) {
        return Fixtures.json(event.data());
    }

    private static long idOf(SseClient.Event event) {
        return Long.parseLong(event.id());
    }

    @Test
    void everyKindOfWriteArrivesInOrderWithItsNewVersion() throws Exception {
        String id = Fixtures.uniqueId("sse-order");
        try (SseClient client = SseClient.connect(url("/v1/aicons/" + id + "/events"), null)) {
            assertEquals(200, client.status());
            assertTrue(client.header("content-type").startsWith("text/event-stream"));
            put(id, "first");
            given().contentType(ContentType.JSON)
                    .body("{\"type\":\"discrete\",\"distribution\":\"poisson\","
                            + "\"params\":{\"rate\":3.0},\"value\":3}")
                    .put("/v1/aicons/{id}/factors/extra", id)
                    .then()
                    .statusCode(201);
            given().contentType("application/merge-patch+json")
                    .body("{\"is_running\":true}")
                    .patch("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(200);
            given().contentType("application/octet-stream")
                    .body(new byte[] {1, 2, 3})
                    .put("/v1/aicons/{id}/brain", id)
                    .then()
                    .statusCode(201);
            given().delete("/v1/aicons/{id}", id).then().statusCode(204);

            List<SseClient.Event> events = client.take(5, WAIT);
            assertEquals(
                    List.of("created", "factor_updated", "updated", "brain_updated", "deleted"),
                    events.stream().map(SseClient.Event::event).toList());
            assertEquals(
                    List.of(1, 2, 3, 4, 4),
                    events.stream().map(e -> data(e).get("version").asInt()).toList());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(id, data(events.get(i)).get("aicon_id").asText());
                assertEquals(
                        idOf(events.get(i)), data(events.get(i)).get("event_id").asLong());
                if (i > 0) {
                    assertTrue(idOf(events.get(i)) > idOf(events.get(i - 1)), "event ids increase");
                }
            }
        }
    }

    @Test
    void aNewStreamWithoutLastEventIdStartsAfterTheNewestEvent() throws Exception {
        String id = Fixtures.uniqueId("sse-now");
        put(id, "before");
        try (SseClient client = SseClient.connect(url("/v1/aicons/" + id + "/events"), null)) {
            put(id, "after");
            SseClient.Event first = client.next(WAIT);
            assertNotNull(first);
            assertEquals(2, data(first).get("version").asInt(), "the write before the connection is not sent");
        }
    }

    @Test
    void aClientResumingWithLastEventIdMissesNothingAndGetsNothingTwice() throws Exception {
        String id = Fixtures.uniqueId("sse-resume");
        String lastSeen;
        try (SseClient client = SseClient.connect(url("/v1/aicons/" + id + "/events"), null)) {
            for (int i = 1; i <= 5; i++) {
                put(id, "v" + i);
            }
            List<SseClient.Event> firstFive = client.take(5, WAIT);
            lastSeen = firstFive.get(4).id();
            assertEquals(5, data(firstFive.get(4)).get("version").asInt());
        }
        for (int i = 6; i <= 12; i++) {
            put(id, "v" + i);
        }
        try (SseClient resumed = SseClient.connect(url("/v1/aicons/" + id + "/events"), lastSeen)) {
            put(id, "v13");
            List<SseClient.Event> rest = resumed.take(8, WAIT);
            assertEquals(
                    List.of(6, 7, 8, 9, 10, 11, 12, 13),
                    rest.stream().map(e -> data(e).get("version").asInt()).toList());
            put(id, "v14");
            SseClient.Event next = resumed.next(WAIT);
            assertNotNull(next, "the write after the resume arrives");
            assertEquals(14, data(next).get("version").asInt(), "nothing more, nothing twice: the next event is v14");
        }
    }

    @Test
    void theGlobalStreamCarriesEveryAIconOfTheRequestedType() throws Exception {
        String type = Fixtures.uniqueId("type");
        String a = Fixtures.uniqueId("sse-a");
        String b = Fixtures.uniqueId("sse-b");
        try (SseClient typed = SseClient.connect(url("/v1/events?aicon_type=" + type), null);
                SseClient all = SseClient.connect(url("/v1/events"), null)) {
            given().contentType(ContentType.JSON)
                    .body(Fixtures.sdkDocument(a).put("aicon_type", type).toString())
                    .put("/v1/aicons/{id}", a)
                    .then()
                    .statusCode(201);
            put(b, "other type");
            given().contentType(ContentType.JSON)
                    .body(Fixtures.sdkDocument(a).put("aicon_type", type).toString())
                    .put("/v1/aicons/{id}", a)
                    .then()
                    .statusCode(200);
            List<SseClient.Event> ofType = typed.take(2, WAIT);
            assertEquals(
                    List.of(a, a),
                    ofType.stream().map(e -> data(e).get("aicon_id").asText()).toList());
            assertEquals(
                    List.of(1, 2),
                    ofType.stream().map(e -> data(e).get("version").asInt()).toList());
            List<String> seen = all.take(3, WAIT).stream()
                    .map(e -> data(e).get("aicon_id").asText())
                    .toList();
            assertTrue(seen.containsAll(List.of(a, b)), seen.toString());
        }
    }

    @Test
    void idleStreamsGetHeartbeatsAndTheReconnectDelay() throws Exception {
        long configured = ConfigProvider.getConfig()
                .getValue("aicon.events.reconnect-delay", Duration.class)
                .toMillis();
        assertEquals(
                ImportRootAndFastEventsProfile.RECONNECT_DELAY_MILLIS,
                configured,
                "the profile sets a non-default delay");
        try (SseClient client = SseClient.connect(url("/v1/aicons/" + Fixtures.uniqueId("idle") + "/events"), null)) {
            Awaitility.await("two heartbeat comments").atMost(WAIT).until(() -> client.comments() >= 2);
            assertEquals(
                    Long.valueOf(configured),
                    client.retry(),
                    "the stream's retry: field tells the client the configured reconnect delay");
            assertTrue(!client.ended());
        }
    }

    @Test
    void aResumeFromBeforeTheOldestKeptEventIsToldToReload() throws Exception {
        String id = Fixtures.uniqueId("sse-reset");
        put(id, "one");
        try (SseClient client = SseClient.connect(url("/v1/aicons/" + id + "/events"), "1")) {
            SseClient.Event reset = client.next(WAIT);
            assertNotNull(reset);
            assertEquals("reset", reset.event());
            assertTrue(data(reset).get("reason").asText().contains("no longer kept"));
            SseClient.Event created = client.next(WAIT);
            assertEquals("created", created.event());
        }
    }

    @Test
    void badLastEventIdsAndIdsAreRejected() {
        given().header("Last-Event-ID", "yesterday")
                .get("/v1/aicons/{id}/events", "x")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Last-Event-ID"));
        given().get("/v1/aicons/{id}/events", "bad id!").then().statusCode(400).contentType("application/problem+json");
    }
}
