package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.postgres.PostgresAIconStore;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresAIconStoreTest extends AIconStoreContract {

    private static Vertx vertx;
    private static Pool pool;
    /** The superuser, which row-level security does not bind: for looking at and planting rows under the store. */
    private static Pool superuser;

    private static PostgresAIconStore store;

    @BeforeAll
    static void connect() {
        String database = PostgresServer.newDatabase("contract");
        PostgresServer.flyway(PostgresServer.jdbcUrl(database)).load().migrate();
        // Netty reads /proc/sys/net/core/somaxconn once, when NetUtil is first used: here, not on an event loop.
        assertTrue(io.netty.util.NetUtil.SOMAXCONN > 0);
        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(PostgresServer.reactiveUrl(database))
                .setUser(PostgresServer.RUNTIME)
                .setPassword(PostgresServer.PASSWORD);
        pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(8))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
        superuser = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(PgConnectOptions.fromUri(PostgresServer.reactiveUrl(database))
                        .setUser(PostgresServer.USER)
                        .setPassword(PostgresServer.PASSWORD))
                .using(vertx.getDelegate())
                .build());
        store = new PostgresAIconStore(pool, Fixtures.MAPPER, true, dev.aicon.gateway.store.postgres.EventChannel.NONE);
    }

    @AfterAll
    static void disconnect() {
        pool.closeAndAwait();
        superuser.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Override
    protected AIconStore store() {
        return store;
    }

    /** Row versions ({@code xmin}) of each factor row: a row that was not written keeps its xmin. */
    private static Map<String, String> factorRowVersions(String id) {
        Map<String, String> versions = new HashMap<>();
        for (Row row : superuser
                .preparedQuery("SELECT name, xmin::text FROM aicon_factors WHERE aicon_id = $1")
                .executeAndAwait(Tuple.of(id))) {
            versions.put(row.getString(0), row.getString(1));
        }
        return versions;
    }

    /**
     * The create statement reads the tombstone in its snapshot; a delete committed while it runs is caught by the
     * insert trigger, which reads the latest one. Here the insert bypasses the statement, as such a race would.
     */
    @Test
    void theInsertTriggerRefusesACreateBehindTheIdsTombstone() {
        String id = Fixtures.uniqueId("trigger");
        superuser
                .preparedQuery("INSERT INTO aicon_tombstones (id, last_version) VALUES ($1, 4)")
                .executeAndAwait(Tuple.of(id));
        String insert = "INSERT INTO aicons (id, version, updated_at, attributes) VALUES ($1, $2, now(), '{}')";
        PgException refused = assertThrows(
                PgException.class, () -> superuser.preparedQuery(insert).executeAndAwait(Tuple.of(id, 1L)));
        assertEquals("40001", refused.getSqlState());
        superuser.preparedQuery("DELETE FROM aicon_tombstones WHERE id = $1").executeAndAwait(Tuple.of(id));
        superuser.preparedQuery(insert).executeAndAwait(Tuple.of(id, 5L));
    }

    @Test
    void theMigrationRemembersIdsDeletedBeforeItFromTheOutbox() {
        String database = PostgresServer.newDatabase("tombstone_seed");
        String url = PostgresServer.jdbcUrl(database);
        PostgresServer.flyway(url).target("4").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO aicons (id, version, updated_at, attributes) VALUES ('kept', 2, now(), '{}')");
            sql.execute("INSERT INTO aicon_events (aicon_id, kind, version) VALUES ('gone', 'created', 1), "
                    + "('gone', 'updated', 2), ('gone', 'deleted', 2), ('kept', 'created', 1), ('kept', 'updated', 2)");
            PostgresServer.flyway(url).load().migrate();
            ResultSet rows = sql.executeQuery("SELECT id, last_version FROM aicon_tombstones ORDER BY id");
            assertTrue(rows.next());
            assertEquals("gone", rows.getString(1));
            assertEquals(3, rows.getLong(2), "after the version deleted, as a delete consumes one");
            assertFalse(rows.next(), "a stored AIcon has no tombstone");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFactorPutWritesThatFactorRowAndTheVersionOnly() {
        String id = Fixtures.uniqueId("one-row");
        AIcon v1 = store.write(new StoreWrite(
                        TenantId.DEFAULT,
                        Fixtures.sdkAIcon(id).stamped(1, Timestamps.now()),
                        0,
                        new StoreWrite.Replace()))
                .await()
                .atMost(Duration.ofSeconds(10));
        Map<String, String> before = factorRowVersions(id);
        String attributesBefore = superuser
                .preparedQuery("SELECT attributes::text FROM aicons WHERE id = $1")
                .executeAndAwait(Tuple.of(id))
                .iterator()
                .next()
                .getString(0);

        AIcon v2 = v1.withFactor(
                        "channel", v1.factors().get("channel").deepCopy().put("value", "google"))
                .stamped(2, Timestamps.now());
        store.write(new StoreWrite(TenantId.DEFAULT, v2, 1, new StoreWrite.FactorPut("channel")))
                .await()
                .atMost(Duration.ofSeconds(10));

        Map<String, String> after = factorRowVersions(id);
        before.forEach((name, xmin) -> {
            if (name.equals("channel")) {
                assertNotEquals(xmin, after.get(name), "the written factor row");
            } else {
                assertEquals(xmin, after.get(name), "factor " + name + " must not be rewritten");
            }
        });
        Row aicon = superuser
                .preparedQuery("SELECT version, attributes::text FROM aicons WHERE id = $1")
                .executeAndAwait(Tuple.of(id))
                .iterator()
                .next();
        assertEquals(2L, aicon.getLong(0));
        assertEquals(attributesBefore, aicon.getString(1));
    }
}
