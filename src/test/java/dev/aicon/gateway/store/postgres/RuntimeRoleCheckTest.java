package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.support.PostgresServer;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up refusal of a runtime role that would bypass row-level security, on real PostgreSQL. */
class RuntimeRoleCheckTest {

    private static final String BYPASS = "aicon_bypass";
    private static final String MEMBER = "aicon_owner_member";

    private static String database;
    private static DataSource owner;

    @BeforeAll
    static void migrate() throws SQLException {
        database = PostgresServer.newDatabase("roles");
        Flyway flyway = PostgresServer.flyway(PostgresServer.jdbcUrl(database)).load();
        flyway.migrate();
        owner = flyway.getConfiguration().getDataSource();
        try (Connection superuser = DriverManager.getConnection(
                        PostgresServer.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement sql = superuser.createStatement()) {
            sql.execute("DROP ROLE IF EXISTS " + BYPASS);
            sql.execute("DROP ROLE IF EXISTS " + MEMBER);
            sql.execute("CREATE ROLE " + BYPASS + " LOGIN NOSUPERUSER BYPASSRLS");
            sql.execute("CREATE ROLE " + MEMBER + " LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE " + PostgresServer.OWNER);
        }
    }

    private static String refusal(DataSource through, String role) {
        return assertThrows(RuntimeRoleRefused.class, () -> RuntimeRoleCheck.verify(through, role))
                .getMessage();
    }

    @Test
    void theRuntimeRoleOfTheDeploymentPasses() {
        assertDoesNotThrow(() -> RuntimeRoleCheck.verify(owner, PostgresServer.RUNTIME));
    }

    @Test
    void everyRoleThatWouldBypassRowLevelSecurityIsRefusedWithItsNameAndReason() {
        String superuser = refusal(owner, PostgresServer.USER);
        assertTrue(superuser.contains("'postgres'") && superuser.contains("superuser"), superuser);
        String bypass = refusal(owner, BYPASS);
        assertTrue(bypass.contains("'" + BYPASS + "'") && bypass.contains("BYPASSRLS"), bypass);
        String owning = refusal(owner, PostgresServer.OWNER);
        assertTrue(owning.contains("owns") && owning.contains("aicons (owner aicon_owner)"), owning);
        String member = refusal(owner, MEMBER);
        assertTrue(member.contains("member of the owner"), member);
        String missing = refusal(owner, "nobody_at_all");
        assertTrue(missing.contains("does not exist"), missing);
        assertTrue(owning.contains("aicon.store.postgres.migration-username"), "the message says how to fix it");
    }

    @Test
    void tablesWithoutForcedRowLevelSecurityAreRefused() {
        String before = PostgresServer.newDatabase("roles_v6");
        Flyway flyway = PostgresServer.flyway(PostgresServer.jdbcUrl(before))
                .target(MigrationVersion.fromVersion("6"))
                .load();
        flyway.migrate();
        String message = refusal(flyway.getConfiguration().getDataSource(), PostgresServer.RUNTIME);
        assertTrue(
                message.contains("row-level security is not enabled and forced on aicon_brains, aicon_events"),
                message);
    }

    /**
     * The deferred path: the gateway started while PostgreSQL was down; when it answers, migrations run as the
     * datasource user (no migration username), which owns the tables: the store refuses, and says so, instead of
     * serving tenant data with row-level security bypassed.
     */
    @Test
    void migratingAsTheRuntimeRoleLeavesTheStoreRefusedNotReady() {
        String shared = PostgresServer.newDatabase("roles_shared");
        AtomicInteger migratedCalls = new AtomicInteger();
        SchemaMigrations schema = new SchemaMigrations(
                () -> PostgresServer.flyway(PostgresServer.jdbcUrl(shared)).load(),
                Duration.ofMinutes(1),
                Infrastructure.getDefaultWorkerPool(),
                false,
                () -> RuntimeRoleCheck.verify(
                        PostgresServer.flyway(PostgresServer.jdbcUrl(shared))
                                .load()
                                .getConfiguration()
                                .getDataSource(),
                        PostgresServer.OWNER),
                migratedCalls::incrementAndGet);
        RuntimeRoleRefused refused = assertThrows(
                RuntimeRoleRefused.class, () -> schema.ready().await().atMost(Duration.ofSeconds(60)));
        assertTrue(refused.getMessage().contains("'aicon_owner'"), refused.getMessage());
        assertEquals("refused", schema.state());
        assertTrue(schema.refused());
        assertTrue(schema.attempted());
        assertEquals(0, migratedCalls.get(), "never counted as migrated");
        assertThrows(RuntimeRoleRefused.class, () -> schema.ready().await().atMost(Duration.ofSeconds(5)));
        assertFalse(
                dev.aicon.gateway.resilience.OutageRule.isOutage(refused),
                "a refusal is no outage: nothing is journaled for later");
    }
}
