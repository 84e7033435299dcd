package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.support.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL the audit trail is append-only for the runtime role: migrated by the owner with a runtime role of
 * another name (a plain login role, as in production), that role may insert and read audit rows and prune them through
 * the owner's function, but never UPDATE, DELETE or TRUNCATE them; it may revoke a key but change nothing else of it.
 */
class AuditAppendOnlyTest {

    private static final String RUNTIME = "aicon_audit_runtime";
    private static final String RUNTIME_PASSWORD = "not-a-secret-either";
    private static String url;

    @BeforeAll
    static void migrateAsTheOwner() throws SQLException {
        String database = PostgresServer.newDatabase("audit_roles");
        url = PostgresServer.jdbcUrl(database);
        try (Connection owner = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                Statement statement = owner.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + RUNTIME
                    + "') THEN CREATE ROLE " + RUNTIME + " LOGIN PASSWORD '" + RUNTIME_PASSWORD + "'; END IF; END $$");
        }
        Flyway.configure()
                .dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD)
                .locations("classpath:db/migration")
                .placeholders(Map.of("runtime_role", RUNTIME))
                .load()
                .migrate();
    }

    private static Connection runtime() throws SQLException {
        return DriverManager.getConnection(url, RUNTIME, RUNTIME_PASSWORD);
    }

    @Test
    void theRuntimeRoleAppendsAndReadsButNeverRewritesTheAudit() throws SQLException {
        try (Connection connection = runtime();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO audit_events (tenant_id, at, subject, action, status, outcome) "
                    + "VALUES ('default', now() - interval '400 days', 'k', 'PUT /v1/aicons/{id}', 200, 'ok')");
            statement.execute("INSERT INTO audit_events (tenant_id, at, subject, action, status, outcome) "
                    + "VALUES ('default', now(), 'k', 'PUT /v1/aicons/{id}', 200, 'ok')");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM audit_events")) {
                rows.next();
                assertEquals(2, rows.getLong(1));
            }
            for (String rewrite : new String[] {
                "UPDATE audit_events SET outcome = 'refused'",
                "DELETE FROM audit_events",
                "TRUNCATE audit_events",
                "UPDATE api_keys SET roles = 'operator'",
                "DELETE FROM api_keys",
                "DELETE FROM tenants"
            }) {
                SQLException denied = assertThrows(SQLException.class, () -> statement.execute(rewrite), rewrite);
                assertEquals("42501", denied.getSQLState(), rewrite + ": " + denied.getMessage());
            }
            try (PreparedStatement prune = connection.prepareStatement("SELECT aicon_audit_prune(?)")) {
                prune.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(86_400)));
                try (ResultSet removed = prune.executeQuery()) {
                    removed.next();
                    assertEquals(1, removed.getLong(1), "pruning goes through the owner's function");
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM audit_events")) {
                rows.next();
                assertEquals(1, rows.getLong(1));
            }
        }
    }

    @Test
    void theRuntimeRoleRevokesKeysButChangesNothingElseOfThem() throws SQLException {
        try (Connection connection = runtime();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO api_keys (tenant_id, key_id, sha256, roles, name, created) VALUES "
                    + "('default', 'fedcba9876543210', '" + "ab".repeat(32) + "', 'reader', 'x', now())");
            assertEquals(
                    1,
                    statement.executeUpdate("UPDATE api_keys SET revoked = now() WHERE key_id = 'fedcba9876543210'"));
            try (ResultSet rows = statement.executeQuery("SELECT tenant_id FROM tenants")) {
                assertTrue(rows.next());
            }
        }
    }
}
