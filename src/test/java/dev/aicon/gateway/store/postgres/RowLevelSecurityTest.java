package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.domain.TenantId;
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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row-level security proven on real PostgreSQL, below the store: the database keeps tenants apart on its own. Rows
 * of tenants {@code a} and {@code b} are written as the owner role (which FORCE binds too, so it sets the tenant
 * like everyone); every read runs as the runtime role, through one pooled connection.
 */
class RowLevelSecurityTest {

    private static final TenantId A = new TenantId("tenant-a");
    private static final TenantId B = new TenantId("tenant-b");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String database;
    private static Vertx vertx;
    private static Pool pool;
    private static TenantScope scope;

    @BeforeAll
    static void migrateAndFill() throws SQLException {
        database = PostgresServer.newDatabase("rls");
        PostgresServer.flyway(PostgresServer.jdbcUrl(database)).load().migrate();
        fill(A, 2);
        fill(B, 3);
        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(PostgresServer.reactiveUrl(database))
                .setUser(PostgresServer.RUNTIME)
                .setPassword(PostgresServer.PASSWORD);
        pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
        scope = new TenantScope(pool);
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    /** {@code rows} rows of {@code tenant} in every tenant table, written as the owner with the tenant set. */
    private static void fill(TenantId tenant, int rows) throws SQLException {
        try (Connection owner = connect(PostgresServer.OWNER);
                Statement sql = owner.createStatement()) {
            owner.setAutoCommit(false);
            sql.execute("SELECT set_config('aicon.tenant', '" + tenant.value() + "', true)");
            for (int i = 0; i < rows; i++) {
                String id = "'" + tenant.value() + "-" + i + "'";
                String t = "'" + tenant.value() + "'";
                sql.execute("INSERT INTO aicons (tenant_id, id, version, updated_at, attributes) VALUES (" + t + ", "
                        + id + ", 1, now(), '{}')");
                sql.execute("INSERT INTO aicon_factors (tenant_id, aicon_id, name, position, body) VALUES (" + t + ", "
                        + id + ", 'mood', 0, '{}')");
                sql.execute("INSERT INTO aicon_versions (tenant_id, aicon_id, version, kind, updated_at, document) "
                        + "VALUES (" + t + ", " + id + ", 1, 'created', now(), '{}')");
                sql.execute("INSERT INTO aicon_events (tenant_id, aicon_id, kind, version) VALUES (" + t + ", " + id
                        + ", 'created', 1)");
                sql.execute(
                        "INSERT INTO aicon_brains (tenant_id, object, bytes) VALUES (" + t + ", " + id + ", '\\x00')");
                sql.execute("INSERT INTO aicon_tombstones (tenant_id, id, last_version) VALUES (" + t + ", 'gone-"
                        + tenant.value() + "-" + i + "', 2)");
            }
            owner.commit();
        }
    }

    private static Connection connect(String role) throws SQLException {
        return DriverManager.getConnection(PostgresServer.jdbcUrl(database), role, PostgresServer.PASSWORD);
    }

    private static long count(TenantId tenant, String table) {
        return scope.execute(tenant, "SELECT count(*) FROM " + table, Tuple.tuple())
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void withoutATenantSettingEveryTenantTableShowsNoRowsToTheRuntimeRoleNorToTheOwner() throws SQLException {
        for (String role : List.of(PostgresServer.RUNTIME, PostgresServer.OWNER)) {
            try (Connection connection = connect(role);
                    Statement sql = connection.createStatement()) {
                for (String table : RuntimeRoleCheck.TENANT_TABLES) {
                    try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
                        assertTrue(rows.next());
                        assertEquals(0, rows.getLong(1), role + " reads " + table + " without a tenant");
                    }
                }
            }
        }
        try (Connection superuser = connect(PostgresServer.USER);
                Statement sql = superuser.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM aicons")) {
            assertTrue(rows.next());
            assertEquals(5, rows.getLong(1), "the rows are there: only the superuser sees them all");
        }
    }

    @Test
    void withATenantSetOnlyThatTenantsRowsAreVisibleInEveryTable() {
        for (String table : RuntimeRoleCheck.TENANT_TABLES) {
            assertEquals(2, count(A, table), table + " for " + A);
            assertEquals(3, count(B, table), table + " for " + B);
            assertEquals(
                    0,
                    scope.execute(A, "SELECT count(*) FROM " + table + " WHERE tenant_id <> $1", Tuple.of(A.value()))
                            .await()
                            .atMost(WAIT)
                            .iterator()
                            .next()
                            .getLong(0),
                    table + ": not even an explicit filter reaches another tenant");
        }
    }

    @Test
    void aPoolOfOneServesTenantAThenTenantBAndNothingLeaksBetweenBorrows() {
        List<String> seenByA = ids(A);
        String leftOver = pool.query("SELECT coalesce(current_setting('aicon.tenant', true), '')")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getString(0);
        List<String> seenByB = ids(B);
        long unscoped = pool.query("SELECT count(*) FROM aicons")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
        assertEquals(List.of("tenant-a-0", "tenant-a-1"), seenByA);
        assertEquals("", leftOver, "the setting ended with A's transaction");
        assertEquals(List.of("tenant-b-0", "tenant-b-1", "tenant-b-2"), seenByB);
        assertEquals(0, unscoped, "the next borrow without a tenant sees nothing");
        List<Object> pids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pids.add(pool.query("SELECT pg_backend_pid()")
                    .execute()
                    .await()
                    .atMost(WAIT)
                    .iterator()
                    .next()
                    .getValue(0));
        }
        assertEquals(1, pids.stream().distinct().count(), "one connection served every borrow");
    }

    private static List<String> ids(TenantId tenant) {
        List<String> ids = new ArrayList<>();
        for (Row row : scope.execute(tenant, "SELECT id FROM aicons ORDER BY id", Tuple.tuple())
                .await()
                .atMost(WAIT)) {
            ids.add(row.getString(0));
        }
        return ids;
    }

    @Test
    void aRowOfAnotherTenantThanTheSettingIsRefused() {
        String insert = "INSERT INTO aicon_events (tenant_id, aicon_id, kind, version) VALUES ($1, 'x', 'created', 1)";
        PgException refused = assertThrows(
                PgException.class,
                () -> scope.execute(A, insert, Tuple.of(B.value())).await().atMost(WAIT));
        assertEquals("42501", refused.getSqlState(), refused.getMessage());
        PgException moved = assertThrows(
                PgException.class,
                () -> scope.inTransaction(
                                A,
                                connection -> connection
                                        .preparedQuery("UPDATE aicons SET tenant_id = $1 WHERE id = 'tenant-a-0'")
                                        .execute(Tuple.of(B.value())))
                        .await()
                        .atMost(WAIT));
        assertEquals("42501", moved.getSqlState(), moved.getMessage());
        assertEquals(2, count(A, "aicon_events"), "nothing was written");
        assertEquals(3, count(B, "aicon_events"));
    }

    @Test
    void acrossTenantsTheBackgroundJobsReadAndDeleteButNeverWrite() {
        assertEquals(
                5,
                scope.executeAcrossTenants("SELECT count(*) FROM aicon_events", Tuple.tuple())
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0));
        PgException insert = assertThrows(
                PgException.class,
                () -> scope.executeAcrossTenants(
                                "INSERT INTO aicon_events (tenant_id, aicon_id, kind, version) "
                                        + "VALUES ('tenant-a', 'x', 'created', 1)",
                                Tuple.tuple())
                        .await()
                        .atMost(WAIT));
        assertEquals("42501", insert.getSqlState());
        assertEquals(
                0,
                scope.executeAcrossTenants("UPDATE aicons SET version = version + 1", Tuple.tuple())
                        .await()
                        .atMost(WAIT)
                        .rowCount(),
                "'*' updates nothing");
        assertEquals(
                0,
                scope.executeAcrossTenants("SELECT count(*) FROM aicon_tombstones", Tuple.tuple())
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0),
                "'*' reads only the tables the background jobs need");
        assertEquals(
                0,
                scope.executeAcrossTenants("DELETE FROM aicons", Tuple.tuple())
                        .await()
                        .atMost(WAIT)
                        .rowCount(),
                "'*' deletes no AIcon");
    }

    @Test
    void theRuntimeRoleCannotSwitchThePoliciesOffNorTouchTheMigrationHistory() throws SQLException {
        try (Connection runtime = connect(PostgresServer.RUNTIME);
                Statement sql = runtime.createStatement()) {
            SQLException alter = assertThrows(
                    SQLException.class, () -> sql.execute("ALTER TABLE aicons NO FORCE ROW LEVEL SECURITY"));
            assertEquals("42501", alter.getSQLState(), alter.getMessage());
            SQLException policy =
                    assertThrows(SQLException.class, () -> sql.execute("DROP POLICY tenant_isolation ON aicon_events"));
            assertEquals("42501", policy.getSQLState(), policy.getMessage());
            SQLException history =
                    assertThrows(SQLException.class, () -> sql.execute("DELETE FROM flyway_schema_history"));
            assertEquals("42501", history.getSQLState(), history.getMessage());
        }
    }
}
