package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aicon.gateway.support.CountedPostgresProfile;
import dev.aicon.gateway.support.CountedPostgresResource;
import dev.aicon.gateway.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.aicon.gateway.api.BatchApiContract.batchGet;
import static dev.aicon.gateway.api.BatchApiContract.batchPut;
import static dev.aicon.gateway.api.BatchApiContract.item;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a batchGet costs PostgreSQL, counted on the wire: the reactive datasource goes through a proxy that counts
 * round trips (a client-to-server burst after a server-to-client one), with one pooled connection so the warm-up
 * below warms the connection every later request uses.
 */
@QuarkusTest
@TestProfile(CountedPostgresProfile.OneConnection.class)
class PostgresRoundTripTest {

    /**
     * The first use of a statement on a connection prepares it (Parse/Describe/Sync, one round trip of its own) and
     * the client keeps it prepared on that connection; opening a connection costs round trips too. So one batchGet
     * warms up first; from then on each batchGet is Bind/Execute/Sync: one round trip for its 100 ids. Quiet windows
     * as long as each request, measured right after it, show that nothing else talks to the database meanwhile.
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
        List<Long> quiet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            measured.add(roundTripsOf(() -> batchGet(ids)
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(100))
                    .body("missing.size()", equalTo(0))));
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            quiet.add(roundTripsOf(() -> sleep(millis)));
        }
        System.out.printf(
                "database round trips of a batchGet of 100 ids: warm-up %d, then %s; quiet windows as long "
                        + "as each: %s%n",
                warmUp, measured, quiet);
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), quiet, "no background round trips while measuring");
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), measured);
    }

    /**
     * A save stays one statement with tenants: a PUT of an AIcon this gateway wrote builds on its own copy and writes
     * the document, its tenant, history row and outbox event in one round trip. The first replace warms the statement
     * up on the connection. After the commit the gateway sends its coalesced NOTIFY (V4, {@code PgEventChannel}): one
     * more round trip, which lands in the save's window or in the quiet one right after it, never more.
     */
    @Test
    void aSaveIsOneDatabaseRoundTrip() {
        String id = Fixtures.uniqueId("save");
        ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(201);
        ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(200);
        List<Long> measured = new ArrayList<>();
        List<Long> quiet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            measured.add(roundTripsOf(
                    () -> ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(200)));
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            quiet.add(roundTripsOf(() -> sleep(millis)));
        }
        System.out.printf("database round trips of a save: %s; quiet windows as long as each: %s%n", measured, quiet);
        List<Long> perSave = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            perSave.add(measured.get(i) + quiet.get(i));
        }
        assertEquals(List.of(2L, 2L, 2L, 2L, 2L), perSave, "one write statement and one NOTIFY per save");
        assertTrue(measured.stream().allMatch(n -> n >= 1 && n <= 2), measured::toString);
    }

    private static long roundTripsOf(Runnable action) {
        long before = CountedPostgresResource.proxy().roundTrips();
        action.run();
        return CountedPostgresResource.proxy().roundTrips() - before;
    }

    /** A quiet window: the control measurement itself, as long as the request it is compared with. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
