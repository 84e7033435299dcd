package dev.aicon.gateway.resilience;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.service.DegradedMode;
import dev.aicon.gateway.service.JournalReplayer;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.OutageProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.aicon.gateway.resilience.OutageSupport.awaitTrue;
import static dev.aicon.gateway.resilience.OutageSupport.breaker;
import static dev.aicon.gateway.resilience.OutageSupport.create;
import static dev.aicon.gateway.resilience.OutageSupport.putFactor;
import static dev.aicon.gateway.resilience.OutageSupport.storedVersion;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What PostgreSQL refuses is an answer, not an outage: it never opens the store breaker, and a journaled write it
 * refuses at replay becomes a dead letter while the writes of other AIcons replay.
 */
@QuarkusTest
@TestProfile(OutageProfile.class)
class NonOutageFailureTest {

    @Inject
    GuardedStore store;

    @Inject
    DegradedMode degraded;

    @Inject
    JournalReplayer replayer;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void restore() {
        FaultServices.postgres().stop();
        FaultServices.postgres().start();
        CircuitBreakerMaintenance.get().resetAll();
    }

    /** Text that does not compress, so PostgreSQL's index cannot squeeze it under the btree row limit. */
    private static String incompressible(int length) {
        byte[] random = new byte[length];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random).substring(0, length);
    }

    private static Throwable failureOf(Uni<?> call) {
        return call.onItem()
                .transform(item -> (Throwable) null)
                .onFailure()
                .recoverWithItem(e -> e)
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private static String sqlStateOf(Throwable failure) {
        return assertInstanceOf(DatabaseException.class, failure, failure.toString())
                .getSqlState();
    }

    /** An AIcon the API would refuse, as a gateway without today's validation accepted it. */
    private static AIcon unstorable(String id, String field, String value, long version) {
        ObjectNode document = Fixtures.sdkDocument(id).put(field, value);
        return AIcon.fromDocument(id, document).stamped(version, Timestamps.now());
    }

    @Test
    void whatPostgresRefusesNeverCountsAgainstTheBreakerButAnOutageDoes() {
        for (int i = 0; i < 6; i++) {
            Throwable badFilter = failureOf(store.list(new ListQuery(TenantId.DEFAULT, "type\u0000", null, null, 10)));
            assertEquals("22021", sqlStateOf(badFilter));
            assertFalse(OutageRule.isOutage(badFilter));
            String id = Fixtures.uniqueId("too-long");
            Throwable tooLong = failureOf(store.write(new StoreWrite(
                    TenantId.DEFAULT,
                    unstorable(id, "aicon_type", incompressible(8000), 1),
                    0,
                    new StoreWrite.Replace())));
            assertEquals("54000", sqlStateOf(tooLong));
            assertFalse(OutageRule.isOutage(tooLong));
        }
        assertEquals(CircuitBreakerState.CLOSED, breaker("store"), "12 refusals over a volume threshold of 4");

        FaultServices.postgres().stop();
        Throwable down = failureOf(store.get(TenantId.DEFAULT, "any"));
        assertTrue(OutageRule.isOutage(down), "a stopped PostgreSQL is an outage: " + down);
    }

    @Test
    void anEntryTheStoreRefusesIsADeadLetterWhileLaterEntriesReplay() throws Exception {
        String first = create("replays-a");
        String last = create("replays-b");
        double deadLettersBefore =
                registry.get("aicon.journal.dead_letters").gauge().value();
        double countedBefore = registry.counter("aicon.journal.replayed", "outcome", "dead-letter")
                .count();

        FaultServices.postgres().stop();
        putFactor(first, "offline", 1.0).then().statusCode(201).header("AIcon-Degraded", equalTo("journal"));
        List<String> poisoned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Fixtures.uniqueId("poison");
            AIcon refused = i % 2 == 0
                    ? unstorable(id, "name", "nul\u0000inside", 1)
                    : unstorable(id, "aicon_type", incompressible(8000), 1);
            degraded.accept(
                            TenantId.DEFAULT,
                            id,
                            0,
                            seq -> JournalEntry.ofWrite(
                                    seq, new StoreWrite(TenantId.DEFAULT, refused, 0, new StoreWrite.Replace())))
                    .await()
                    .atMost(Duration.ofSeconds(5));
            poisoned.add(id);
        }
        String follower = poisoned.get(0);
        degraded.accept(
                        TenantId.DEFAULT,
                        follower,
                        1,
                        seq -> JournalEntry.ofWrite(
                                seq,
                                new StoreWrite(
                                        TenantId.DEFAULT,
                                        unstorable(follower, "name", "fixed", 2),
                                        1,
                                        new StoreWrite.Replace())))
                .await()
                .atMost(Duration.ofSeconds(5));
        putFactor(last, "offline", 2.0).then().statusCode(201).header("AIcon-Degraded", equalTo("journal"));
        given().get("/v1/admin/journal").then().statusCode(200).body("depth", equalTo(8));

        FaultServices.postgres().start();
        awaitTrue("the journal is replayed past its dead letters", Duration.ofSeconds(20), () -> {
            replayer.replayWhenStoreAnswers().await().atMost(Duration.ofSeconds(10));
            return degraded.depth() == 0;
        });

        assertEquals(2, storedVersion(first));
        assertEquals(2, storedVersion(last));
        for (String id : poisoned) {
            assertEquals(0, storedVersion(id));
            given().get("/v1/aicons/{id}", id).then().statusCode(404);
        }
        assertEquals(
                deadLettersBefore + 6,
                registry.get("aicon.journal.dead_letters").gauge().value());
        assertEquals(
                countedBefore + 6,
                registry.counter("aicon.journal.replayed", "outcome", "dead-letter")
                        .count());
        given().get("/v1/admin/journal")
                .then()
                .statusCode(200)
                .body("depth", equalTo(0))
                .body("dead_letters", equalTo((int) deadLettersBefore + 6));
        for (String id : poisoned) {
            given().get("/v1/admin/journal/dead-letters")
                    .then()
                    .statusCode(200)
                    .body("items.findAll { it.entry.id == '" + id + "' }.size()", equalTo(id.equals(follower) ? 2 : 1));
        }
        given().get("/v1/admin/journal/dead-letters")
                .then()
                .body(
                        "items.find { it.entry.id == '" + poisoned.get(0) + "' && it.builds_on_seq == null }.cause",
                        containsString("22021"))
                .body("items.find { it.entry.id == '" + poisoned.get(1) + "' }.cause", containsString("54000"))
                .body(
                        "items.find { it.entry.id == '" + follower + "' && it.builds_on_seq != null }"
                                + ".entry.document.name",
                        equalTo("fixed"));
        assertEquals(CircuitBreakerState.CLOSED, breaker("store"), "six refused entries over a threshold of four");
        putFactor(last, "online", 3.0).then().statusCode(201).header("AIcon-Degraded", nullValue());
    }
}
