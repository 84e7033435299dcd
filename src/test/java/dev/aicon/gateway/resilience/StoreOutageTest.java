package dev.aicon.gateway.resilience;

import dev.aicon.gateway.service.JournalReplayer;
import dev.aicon.gateway.support.CacheKeys;
import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.OutageProfile;
import dev.aicon.gateway.support.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static dev.aicon.gateway.resilience.OutageSupport.awaitTrue;
import static dev.aicon.gateway.resilience.OutageSupport.breaker;
import static dev.aicon.gateway.resilience.OutageSupport.create;
import static dev.aicon.gateway.resilience.OutageSupport.putFactor;
import static dev.aicon.gateway.resilience.OutageSupport.storedVersion;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(OutageProfile.class)
class StoreOutageTest {

    @Inject
    JournalReplayer replayer;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void restore() {
        FaultServices.postgres().stop();
        FaultServices.postgres().start();
        CircuitBreakerMaintenance.get().resetAll();
    }

    private int journalDepth() {
        return given().get("/v1/admin/journal").then().statusCode(200).extract().path("depth");
    }

    private void replayUntilEmpty() throws InterruptedException {
        awaitTrue("the journal is replayed once the store is back", Duration.ofSeconds(20), () -> {
            replayer.replayWhenStoreAnswers().await().atMost(Duration.ofSeconds(10));
            return journalDepth() == 0;
        });
    }

    @Test
    void whileTheStoreIsDownReadsAreServedDegradedAndWritesAreJournaledThenReplayed() throws Exception {
        String journaled = create("journaled");
        String cachedOnly = create("cached");
        String memoryOnly = create("memory");
        given().get("/v1/aicons/{id}", memoryOnly).then().statusCode(200);
        redis.key(String.class).del(CacheKeys.entry(redis, memoryOnly));

        FaultServices.postgres().stop();
        putFactor(journaled, "offline", 1.5)
                .then()
                .statusCode(201)
                .header("ETag", "\"2\"")
                .header("AIcon-Degraded", equalTo("journal"));
        given().get("/v1/aicons/{id}", journaled)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .header("AIcon-Degraded", equalTo("journal"))
                .body("state_factors.offline.value", equalTo(1.5f));
        awaitTrue("the store breaker opens", Duration.ofSeconds(10), () -> {
            given().get("/v1/aicons/{id}", memoryOnly).then().statusCode(200);
            return breaker("store") == CircuitBreakerState.OPEN;
        });
        given().get("/v1/aicons/{id}", memoryOnly)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .header("AIcon-Degraded", equalTo("memory"));
        given().get("/v1/aicons/{id}", cachedOnly)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .header("AIcon-Degraded", equalTo("cache"));
        given().get("/v1/aicons/never-seen-here")
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json");
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gateway' }.data.store", equalTo("DOWN"))
                .body("checks.find { it.name == 'gateway' }.data.store_breaker", equalTo("OPEN"))
                .body("checks.find { it.name == 'gateway' }.data.mode", equalTo("degraded"))
                .body("checks.find { it.name == 'gateway' }.data.journal_depth", greaterThanOrEqualTo(1));
        assertEquals(1, journalDepth());
        assertEquals(1.0, registry.get("aicon.journal.depth").gauge().value(), "the journal depth gauge");

        FaultServices.postgres().start();
        double appliedBefore =
                registry.counter("aicon.journal.replayed", "outcome", "applied").count();
        replayUntilEmpty();
        assertEquals(
                appliedBefore + 1,
                registry.counter("aicon.journal.replayed", "outcome", "applied").count());
        assertEquals(0.0, registry.get("aicon.journal.depth").gauge().value());
        assertEquals(2, storedVersion(journaled));
        awaitTrue("the store breaker closes", Duration.ofSeconds(10), () -> {
            given().get("/v1/aicons/{id}", memoryOnly).then().statusCode(200);
            return breaker("store") == CircuitBreakerState.CLOSED;
        });
        given().get("/v1/aicons/{id}", journaled)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .header("AIcon-Degraded", nullValue())
                .body("state_factors.offline.value", equalTo(1.5f));
    }

    /**
     * A delete journaled while the store is down consumes the next version as a stored one does, so a create
     * journaled after it continues the versions, answers no earlier ETag, and replays as acknowledged. A create of
     * an id whose tombstone only the store knows is not stamped blindly: it gets 503 and nothing is journaled.
     */
    @Test
    void aReCreateJournaledAfterAJournaledDeleteContinuesTheVersionsAndReplaysAsAcknowledged() throws Exception {
        String id = create("incarnation");
        String deletedEarlier = create("incarnation-earlier");
        given().delete("/v1/aicons/{id}", deletedEarlier).then().statusCode(204);
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).put("name", "second").toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");

        FaultServices.postgres().stop();
        given().header("If-Match", "\"2\"")
                .delete("/v1/aicons/{id}", id)
                .then()
                .statusCode(204)
                .header("AIcon-Degraded", equalTo("journal"));
        given().contentType(ContentType.JSON)
                .header("If-None-Match", "*")
                .body(Fixtures.sdkDocument(id).put("name", "reborn").toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201)
                .header("ETag", "\"4\"")
                .header("AIcon-Degraded", equalTo("journal"));
        for (String old : List.of("\"1\"", "\"2\"", "\"3\"")) {
            given().header("If-None-Match", old)
                    .get("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"4\"")
                    .body("name", equalTo("reborn"));
        }
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(deletedEarlier).toString())
                .put("/v1/aicons/{id}", deletedEarlier)
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        assertEquals(2, journalDepth(), "the delete and the re-create; nothing for the id the store must stamp");

        FaultServices.postgres().start();
        double appliedBefore =
                registry.counter("aicon.journal.replayed", "outcome", "applied").count();
        double conflictsBefore = registry.counter("aicon.journal.replayed", "outcome", "conflict")
                .count();
        replayUntilEmpty();
        assertEquals(
                appliedBefore + 2,
                registry.counter("aicon.journal.replayed", "outcome", "applied").count());
        assertEquals(
                conflictsBefore,
                registry.counter("aicon.journal.replayed", "outcome", "conflict")
                        .count());
        assertEquals(4, storedVersion(id));
        awaitTrue("the store breaker closes", Duration.ofSeconds(10), () -> {
            given().get("/v1/aicons/{id}", id).then().statusCode(200);
            return breaker("store") == CircuitBreakerState.CLOSED;
        });
        given().get("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"")
                .header("AIcon-Degraded", nullValue())
                .body("name", equalTo("reborn"));
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(deletedEarlier).toString())
                .put("/v1/aicons/{id}", deletedEarlier)
                .then()
                .statusCode(201)
                .header("ETag", "\"3\"");
    }

    @Test
    void aReplayConflictIsKeptCountedAndListed() throws Exception {
        String id = create("conflict");
        FaultServices.postgres().stop();
        putFactor(id, "mine", 1.0).then().statusCode(201).header("AIcon-Degraded", equalTo("journal"));
        FaultServices.postgres().start();
        try (Connection db = DriverManager.getConnection(
                        FaultServices.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement update = db.createStatement()) {
            update.executeUpdate("UPDATE aicons SET version = 2, name = 'written elsewhere', attributes = "
                    + "jsonb_set(attributes::jsonb, '{name}', '\"written elsewhere\"')::json WHERE id = '" + id + "'");
        }
        double conflictsBefore = registry.counter("aicon.journal.replayed", "outcome", "conflict")
                .count();
        replayUntilEmpty();
        assertEquals(
                conflictsBefore + 1,
                registry.counter("aicon.journal.replayed", "outcome", "conflict")
                        .count());
        given().get("/v1/admin/journal/conflicts")
                .then()
                .statusCode(200)
                .body("items.entry.id", hasItem(id))
                .body("items.find { it.entry.id == '" + id + "' }.store_version", equalTo(2));
        given().get("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("name", equalTo("written elsewhere"));
    }
}
