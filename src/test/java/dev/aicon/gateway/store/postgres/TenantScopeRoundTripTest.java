package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.support.LatencyProxy;
import dev.aicon.gateway.support.PostgresServer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the tenant setting costs on the wire: the runtime role's one pooled connection goes through a
 * {@link LatencyProxy} that counts round trips (a client-to-server burst after a server-to-client one). A statement
 * in its tenant ({@code BEGIN}, {@code set_config}, the statement and {@code COMMIT}, pipelined) is one round trip,
 * as the bare statement is; a save is one statement ({@link AIconSql}), so a save stays one round trip.
 */
class TenantScopeRoundTripTest {

    private static final TenantId TENANT = new TenantId("counted");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * The proxy delays each direction by this much. Pipelined commands leave the client in separate writes a few
     * microseconds apart; without a delay the server could answer the first before the proxy read the next, which
     * the proxy would count as a second round trip although the client never waited.
     */
    private static final long ONE_WAY_MILLIS = 10;

    private static final String SAVE = """
            WITH a AS (INSERT INTO aicons (tenant_id, id, version, updated_at, attributes)
                       VALUES ($1, $2, 1, now(), '{}') RETURNING id),
                 e AS (INSERT INTO aicon_events (tenant_id, aicon_id, kind, version)
                       SELECT $1, a.id, 'created', 1 FROM a)
            SELECT count(*) FROM a""";

    private static LatencyProxy proxy;
    private static Vertx vertx;
    private static Pool pool;
    private static TenantScope scope;

    @BeforeAll
    static void connect() throws IOException {
        String database = PostgresServer.newDatabase("trips");
        PostgresServer.flyway(PostgresServer.jdbcUrl(database)).load().migrate();
        proxy = new LatencyProxy(PostgresServer.port(), ONE_WAY_MILLIS);
        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri("postgresql://127.0.0.1:" + proxy.port() + "/" + database)
                .setUser(PostgresServer.RUNTIME)
                .setPassword(PostgresServer.PASSWORD)
                .setCachePreparedStatements(true);
        pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
        scope = new TenantScope(pool);
    }

    @AfterAll
    static void close() throws IOException {
        pool.closeAndAwait();
        vertx.closeAndAwait();
        proxy.close();
    }

    private static long roundTripsOf(Supplier<Uni<?>> work) {
        long before = proxy.roundTrips();
        work.get().await().atMost(WAIT);
        return proxy.roundTrips() - before;
    }

    /** Five measurements after one warm-up (which opens the connection and prepares the statements). */
    private static List<Long> measured(Supplier<Uni<?>> work) {
        roundTripsOf(work);
        List<Long> trips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            long counted = roundTripsOf(work);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("%d round trip(s) in %d ms (%d ms each way)%n", counted, millis, ONE_WAY_MILLIS);
            trips.add(counted);
        }
        return trips;
    }

    @Test
    void aSaveInItsTenantIsOneRoundTripAsTheBareStatementIs() {
        int[] next = {0};
        List<Long> bare = measured(() ->
                pool.preparedQuery("SELECT count(*) FROM aicons WHERE id = $1").execute(Tuple.of("x")));
        List<Long> read =
                measured(() -> scope.execute(TENANT, "SELECT count(*) FROM aicons WHERE id = $1", Tuple.of("x")));
        List<Long> save = measured(() -> scope.execute(TENANT, SAVE, Tuple.of(TENANT.value(), "s-" + next[0]++))
                .invoke(rows -> assertEquals(1, rows.iterator().next().getLong(0))));
        List<Long> acrossTenants = measured(() -> scope.executeAcrossTenants(
                "SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM aicon_events", Tuple.tuple()));
        List<Long> twoStatements = measured(() -> scope.inTransaction(
                TENANT,
                connection -> connection
                        .preparedQuery("SELECT count(*) FROM aicons WHERE id = $1")
                        .execute(Tuple.of("x"))
                        .chain(() -> connection
                                .preparedQuery("SELECT count(*) FROM aicon_events WHERE aicon_id = $1")
                                .execute(Tuple.of("x")))));
        System.out.printf(
                "database round trips: bare statement %s, statement in its tenant %s, save in its tenant %s, "
                        + "across tenants %s, transaction of two dependent statements %s%n",
                bare, read, save, acrossTenants, twoStatements);
        List<Long> one = List.of(1L, 1L, 1L, 1L, 1L);
        assertEquals(one, bare);
        assertEquals(one, read);
        assertEquals(one, save);
        assertEquals(one, acrossTenants);
        assertEquals(List.of(3L, 3L, 3L, 3L, 3L), twoStatements, "BEGIN+set_config+first, second, COMMIT");
        assertEquals(
                6L,
                scope.execute(TENANT, "SELECT count(*) FROM aicon_events", Tuple.tuple())
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0),
                "every save (warm-up included) committed its event");
    }

    @Test
    void aFailingStatementRollsBackAndTheConnectionServesTheNextCall() {
        String duplicate = "INSERT INTO aicons (tenant_id, id, version, updated_at, attributes) "
                + "VALUES ($1, 'dup', 1, now(), '{}')";
        scope.execute(TENANT, duplicate, Tuple.of(TENANT.value())).await().atMost(WAIT);
        PgException failed = assertThrows(
                PgException.class,
                () -> scope.execute(TENANT, duplicate, Tuple.of(TENANT.value()))
                        .await()
                        .atMost(WAIT));
        assertEquals("23505", failed.getSqlState(), "the statement's own failure, not the aborted transaction's");
        PgException inWork = assertThrows(
                PgException.class,
                () -> scope.inTransaction(
                                TENANT,
                                connection -> connection
                                        .preparedQuery(SAVE)
                                        .execute(Tuple.of(TENANT.value(), "rolled-back"))
                                        .chain(() -> connection
                                                .preparedQuery(duplicate)
                                                .execute(Tuple.of(TENANT.value()))))
                        .await()
                        .atMost(WAIT));
        assertEquals("23505", inWork.getSqlState());
        assertEquals(
                0L,
                scope.execute(TENANT, "SELECT count(*) FROM aicons WHERE id = 'rolled-back'", Tuple.tuple())
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0),
                "the work's first statement was rolled back with it");
        assertEquals(
                "",
                pool.query("SELECT coalesce(current_setting('aicon.tenant', true), '') || "
                                + "CASE WHEN now() = statement_timestamp() THEN '' ELSE ' (in a transaction)' END")
                        .execute()
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getString(0),
                "no tenant and no open transaction left on the connection");
    }

    /** A caller that stops waiting (a timeout) does not leave the connection inside the tenant's transaction. */
    @Test
    void aCallerThatTimesOutLeavesNoOpenTransactionOnTheConnection() {
        assertThrows(
                io.smallrye.mutiny.TimeoutException.class,
                () -> scope.inTransaction(
                                TENANT,
                                connection -> connection
                                        .query("SELECT pg_sleep(0.5)")
                                        .execute()
                                        .chain(() ->
                                                connection.query("SELECT 1").execute()))
                        .ifNoItem()
                        .after(Duration.ofMillis(200))
                        .fail()
                        .await()
                        .atMost(WAIT));
        assertEquals(
                "",
                pool.query("SELECT coalesce(current_setting('aicon.tenant', true), '') || "
                                + "CASE WHEN now() = statement_timestamp() THEN '' ELSE ' (in a transaction)' END")
                        .execute()
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getString(0),
                "the work ran to its COMMIT before the connection served anyone else");
    }
}
