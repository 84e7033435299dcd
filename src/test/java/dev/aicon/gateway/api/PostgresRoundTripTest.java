package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditTrail;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.support.CountedPostgresProfile;
import dev.aicon.gateway.support.CountedPostgresResource;
import dev.aicon.gateway.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static dev.aicon.gateway.api.BatchApiContract.batchGet;
import static dev.aicon.gateway.api.BatchApiContract.batchPut;
import static dev.aicon.gateway.api.BatchApiContract.item;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a batchGet costs PostgreSQL, counted on the wire: the reactive datasource goes through a proxy that counts
 * round trips (a client-to-server burst after a server-to-client one), with one pooled connection so the warm-up
 * below warms the connection every later request uses.
 */
@QuarkusTest
@TestProfile(CountedPostgresProfile.OneConnection.class)
class PostgresRoundTripTest {

    @Inject
    AuditTrail auditTrail;

    /**
     * The first use of a statement on a connection prepares it (Parse/Describe/Sync, one round trip of its own) and
     * the client keeps it prepared on that connection; opening a connection costs round trips too. So one batchGet
     * warms up first; from then on each batchGet is Bind/Execute/Sync: one round trip for its 100 ids. Each count
     * runs from a settled proxy to a settled proxy, so it holds everything the request set off and nothing else
     * (every periodic job of the profile runs an hour apart).
     */
    @Test
    void aBatchGetOf100IdsIsOneDatabaseRoundTrip() {
        String prefix = Fixtures.uniqueId("trips");
        String[] ids = IntStream.range(0, 100).mapToObj(i -> prefix + "-" + i).toArray(String[]::new);
        ArrayNode items = Fixtures.MAPPER.createArrayNode();
        for (String id : ids) {
            items.add(item(id, Fixtures.sdkDocument(id), 0L));
        }
        batchPut(true, items).then().statusCode(200);
        long warmUp = roundTripsOf(() -> batchGet(ids).then().statusCode(200).body("items.size()", equalTo(100)));
        List<Long> measured = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            measured.add(roundTripsOf(() -> batchGet(ids)
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(100))
                    .body("missing.size()", equalTo(0))));
        }
        System.out.printf("database round trips of a batchGet of 100 ids: warm-up %d, then %s%n", warmUp, measured);
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), measured);
    }

    /**
     * A save stays one statement with tenants and row-level security: a PUT of an AIcon this gateway wrote builds on
     * its own copy and writes the document, its history row and outbox event in one round trip, with the
     * transaction's tenant setting pipelined in front of it. After the commit the gateway sends its coalesced NOTIFY
     * (V4, {@code PgEventChannel}): one more. And after the answer, off its path, the audit trail records the write
     * in a transaction of its own, whose cost is measured here alone, with the same kind of record. The first saves
     * warm every statement up on the connection.
     */
    @Test
    void aSaveIsOneDatabaseRoundTripPlusItsNotifyAndItsAuditRecord() {
        String id = Fixtures.uniqueId("save");
        ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(200);
        }
        List<Long> saves = new ArrayList<>();
        List<Long> audits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            saves.add(roundTripsOf(
                    () -> ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(200)));
            audits.add(roundTripsOf(() -> auditTrail
                    .append(new AuditEvent(
                            Instant.now(),
                            "round-trip-test",
                            TenantId.DEFAULT,
                            "PUT /v1/aicons/{id}",
                            id,
                            1L,
                            200,
                            "ok"))
                    .await()
                    .atMost(Duration.ofSeconds(10))));
        }
        System.out.printf("database round trips of a save: %s; of its audit record alone: %s%n", saves, audits);
        List<Long> withoutAudit = new ArrayList<>();
        for (int i = 0; i < saves.size(); i++) {
            withoutAudit.add(saves.get(i) - audits.get(i));
        }
        assertEquals(List.of(2L, 2L, 2L, 2L, 2L), withoutAudit, "one write statement and one NOTIFY per save");
    }

    /** The round trips from a settled proxy, through {@code action}, to a settled proxy again. */
    private static long roundTripsOf(Runnable action) {
        settle();
        long before = CountedPostgresResource.proxy().roundTrips();
        action.run();
        settle();
        return CountedPostgresResource.proxy().roundTrips() - before;
    }

    /** Waits until the proxy has counted no round trip for two polls in a row (300 ms): what was set off is done. */
    private static void settle() {
        AtomicLong seen = new AtomicLong(-1);
        await().pollInterval(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    long now = CountedPostgresResource.proxy().roundTrips();
                    return seen.getAndSet(now) == now;
                });
    }
}
