package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProfile;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.SseClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Outbox ids come from a sequence, so a transaction can hold a lower id while a later write commits a higher one.
 * With a real open transaction on PostgreSQL: the later event is held back until the lower id commits (then both
 * arrive in id order), or, if it rolls back, until the gap timeout passes. Each test first waits until the dispatcher
 * has read the later event and holds it at the gap, so the order of what arrives (or the time it took) shows the
 * hold; no test relies on nothing arriving within a window.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class OutboxGapTest {

    private static final String TYPE = "gap-test";

    private static Connection openTransaction() throws Exception {
        Connection connection = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                PostgresServer.USER,
                PostgresServer.PASSWORD);
        connection.setAutoCommit(false);
        try (Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO aicon_events (aicon_id, aicon_type, kind, version) "
                    + "VALUES ('held-back', '" + TYPE + "', 'updated', 1)");
        }
        return connection;
    }

    private static void put(String id) {
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).put("aicon_type", TYPE).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201);
    }

    @Inject
    EventDispatcher dispatcher;

    /** The dispatcher has read the later event and holds it back at the missing id. */
    private void heldAtTheGap() {
        Awaitility.await("the dispatcher holds the later event at the gap")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(dispatcher::waitingForGap);
    }

    private static SseClient stream() throws Exception {
        return SseClient.connect(RestAssured.baseURI + ":" + RestAssured.port + "/v1/events?aicon_type=" + TYPE, null);
    }

    private static String aiconOf(SseClient.Event event) {
        JsonNode data = Fixtures.json(event.data());
        return data.get("aicon_id").asText();
    }

    @Test
    void aLaterEventWaitsForALowerIdThatCommitsLateAndBothArriveInOrder() throws Exception {
        try (SseClient client = stream();
                Connection late = openTransaction()) {
            String id = Fixtures.uniqueId("gap-commit");
            put(id);
            heldAtTheGap();
            late.commit();
            List<SseClient.Event> events = client.take(2, Duration.ofSeconds(10));
            assertEquals(
                    List.of("held-back", id),
                    events.stream().map(OutboxGapTest::aiconOf).toList());
            assertEquals(
                    Long.parseLong(events.get(0).id()) + 1,
                    Long.parseLong(events.get(1).id()));
        }
    }

    @Test
    void aRolledBackIdIsGivenUpAfterTheGapTimeout() throws Exception {
        try (SseClient client = stream()) {
            String id = Fixtures.uniqueId("gap-rollback");
            long started;
            try (Connection late = openTransaction()) {
                started = System.nanoTime();
                put(id);
                heldAtTheGap();
                late.rollback();
            }
            SseClient.Event event = client.next(Duration.ofSeconds(10));
            assertNotNull(event);
            assertEquals(id, aiconOf(event));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(true, waitedMillis >= 900, "delivered after the 1 s gap timeout, waited " + waitedMillis);
        }
    }
}
