package dev.aicon.gateway.store.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.blob.BrainObjects;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.JsonText;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresServer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V6 on a database the gateway wrote before tenants existed: the schema is built up to V5, rows are inserted as the
 * V5 store wrote them (an AIcon with factors and two recorded versions, its outbox events, a deleted id's tombstone
 * and event, an inline brain), then the database is migrated to the latest schema. Everything belongs to tenant
 * {@code default} and reads through the store, nothing of it is visible to another tenant, and every primary key
 * starts with {@code tenant_id}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantMigrationTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final List<String> TENANT_TABLES =
            List.of("aicons", "aicon_factors", "aicon_versions", "aicon_events", "aicon_tombstones", "aicon_brains");

    private static String database;
    private static Vertx vertx;
    private static Pool pool;
    private static PostgresAIconStore store;
    private static AIcon legacy;

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    @BeforeAll
    static void migrateADatabaseWrittenAtV5() throws SQLException {
        database = PostgresServer.newDatabase("tenants");
        flyway().target("5").load().migrate();
        legacy = Fixtures.sdkAIcon("legacy").stamped(2, "2026-11-20T10:00:00Z");
        try (Connection db = connect()) {
            writeAtV5(db);
        }
        flyway().load().migrate();

        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(PostgresServer.reactiveUrl(database))
                .setUser(PostgresServer.RUNTIME)
                .setPassword(PostgresServer.PASSWORD);
        pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
        store = new PostgresAIconStore(pool, Fixtures.MAPPER, true, EventChannel.NONE);
    }

    @AfterAll
    static void close() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        if (vertx != null) {
            vertx.closeAndAwait();
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return PostgresServer.flyway(PostgresServer.jdbcUrl(database));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                PostgresServer.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** The rows of V1–V5, without tenant_id, as the store wrote them then. */
    private static void writeAtV5(Connection db) throws SQLException {
        Timestamp at = Timestamp.from(Instant.parse("2026-11-20T10:00:00Z"));
        try (PreparedStatement aicon =
                db.prepareStatement("INSERT INTO aicons (id, version, aicon_type, name, updated_at, attributes) "
                        + "VALUES (?, ?, ?, ?, ?, ?::json)")) {
            aicon.setString(1, legacy.id());
            aicon.setLong(2, legacy.version());
            aicon.setString(3, legacy.aiconType());
            aicon.setString(4, legacy.name());
            aicon.setTimestamp(5, at);
            aicon.setString(6, JsonText.write(Fixtures.MAPPER, legacy.attributes()));
            aicon.executeUpdate();
        }
        try (PreparedStatement factor = db.prepareStatement(
                "INSERT INTO aicon_factors (aicon_id, name, position, body) VALUES (?, ?, ?, ?::json)")) {
            int position = 1;
            for (Map.Entry<String, ObjectNode> entry : legacy.factors().entrySet()) {
                factor.setString(1, legacy.id());
                factor.setString(2, entry.getKey());
                factor.setInt(3, position++);
                factor.setString(4, JsonText.write(Fixtures.MAPPER, entry.getValue()));
                factor.addBatch();
            }
            factor.executeBatch();
        }
        try (PreparedStatement version =
                db.prepareStatement("INSERT INTO aicon_versions (aicon_id, version, kind, updated_at, document) "
                        + "VALUES (?, ?, ?, ?, ?::json)")) {
            for (long v = 1; v <= 2; v++) {
                version.setString(1, legacy.id());
                version.setLong(2, v);
                version.setString(3, v == 1 ? "created" : "updated");
                version.setTimestamp(4, at);
                version.setString(
                        5,
                        JsonText.write(
                                Fixtures.MAPPER,
                                legacy.stamped(v, "2026-11-20T10:00:00Z").toDocument()));
                version.addBatch();
            }
            version.executeBatch();
        }
        try (Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO aicon_events (aicon_id, aicon_type, kind, version) VALUES "
                    + "('legacy', 'marketing', 'created', 1), ('legacy', 'marketing', 'updated', 2), "
                    + "('gone', 'marketing', 'created', 1), ('gone', 'marketing', 'deleted', 3)");
            sql.executeUpdate("INSERT INTO aicon_tombstones (id, last_version) VALUES ('gone', 4)");
            sql.executeUpdate("INSERT INTO aicon_brains (object, bytes) "
                    + "VALUES ('legacy/7b1c2f4e-0000-4000-8000-000000000001', '\\x0102'::bytea)");
        }
    }

    @Test
    void everyRowBelongsToTenantDefault() throws SQLException {
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            for (String table : TENANT_TABLES) {
                try (ResultSet tenants = sql.executeQuery("SELECT DISTINCT tenant_id FROM " + table + " ORDER BY 1")) {
                    List<String> found = new ArrayList<>();
                    while (tenants.next()) {
                        found.add(tenants.getString(1));
                    }
                    assertEquals(List.of("default"), found, table);
                }
            }
        }
    }

    @Test
    void everyPrimaryKeyStartsWithTheTenant() throws SQLException {
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            for (String table : TENANT_TABLES) {
                try (ResultSet first = sql.executeQuery("""
                        SELECT a.attname FROM pg_index i
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                        WHERE i.indrelid = '%s'::regclass AND i.indisprimary""".formatted(table))) {
                    assertTrue(first.next(), table);
                    assertEquals("tenant_id", first.getString(1), table);
                }
            }
        }
    }

    @Test
    void theOldAIconReadsThroughTheStoreAsTenantDefaultOnly() {
        AIcon read = await(store.get(TenantId.DEFAULT, "legacy")).orElseThrow();
        assertEquals(2, read.version());
        assertEquals(legacy.attributes(), read.attributes());
        assertEquals(
                List.copyOf(legacy.factors().keySet()),
                List.copyOf(read.factors().keySet()));
        assertEquals(legacy.factors(), read.factors());
        assertEquals(
                List.of("legacy"),
                await(store.list(new ListQuery(TenantId.DEFAULT, null, null, null, 10))).items().stream()
                        .map(summary -> summary.id())
                        .toList());
        assertEquals(
                2,
                await(store.versions(TenantId.DEFAULT, "legacy", Long.MAX_VALUE, 10))
                        .versions()
                        .size());
        assertEquals(
                legacy.stamped(1, "2026-11-20T10:00:00Z").factors(),
                await(store.version(TenantId.DEFAULT, "legacy", 1))
                        .orElseThrow()
                        .factors());

        assertEquals(Optional.empty(), await(store.get(ACME, "legacy")));
        assertEquals(
                List.of(),
                await(store.list(new ListQuery(ACME, null, null, null, 10))).items());
        assertEquals(
                List.of(),
                await(store.versions(ACME, "legacy", Long.MAX_VALUE, 10)).versions());
    }

    @Test
    void oldEventsAndTombstonesAreTenantDefaults() {
        List<ChangeEvent> events =
                await(store.events(EventQuery.ofTenant(TenantId.DEFAULT, 0, Long.MAX_VALUE, null, null, 100)));
        assertTrue(events.size() >= 4);
        assertTrue(events.stream().allMatch(e -> e.tenant().equals(TenantId.DEFAULT)));
        assertEquals(List.of(), await(store.events(EventQuery.ofTenant(ACME, 0, Long.MAX_VALUE, "legacy", null, 100))));
        assertEquals(5, await(store.current(TenantId.DEFAULT, "gone")).nextVersion(), "the tombstone is kept");
        assertEquals(1, await(store.current(ACME, "gone")).nextVersion(), "and it is default's only");
    }

    /** Last: it writes. */
    @Test
    @Order(Integer.MAX_VALUE)
    void writesAfterTheMigrationKeepTheOldVersionsAndAnotherTenantStartsAfresh() {
        AIcon createdInAcme = await(store.write(new StoreWrite(
                ACME, Fixtures.sdkAIcon("legacy").stamped(1, Timestamps.now()), 0, new StoreWrite.Replace())));
        assertEquals(1, createdInAcme.version());
        AIcon stored = await(store.get(TenantId.DEFAULT, "legacy")).orElseThrow();
        AIcon next = await(store.write(new StoreWrite(
                TenantId.DEFAULT,
                stored.withoutFactor("daily_clicks").stamped(3, Timestamps.now()),
                2,
                new StoreWrite.Replace())));
        assertEquals(3, next.version());
        assertEquals(1, await(store.get(ACME, "legacy")).orElseThrow().version());
        assertEquals(
                List.of(ChangeKind.created),
                await(store.events(EventQuery.ofTenant(ACME, 0, Long.MAX_VALUE, "legacy", null, 10))).stream()
                        .map(ChangeEvent::kind)
                        .toList());
    }

    @Test
    void anOldBrainObjectBelongsToTenantDefault() {
        assertEquals(TenantId.DEFAULT, BrainObjects.tenantOf("legacy/7b1c2f4e-0000-4000-8000-000000000001"));
        assertEquals(
                new BrainObjects.Owner(TenantId.DEFAULT, "legacy"),
                BrainObjects.ownerOf("legacy/7b1c2f4e-0000-4000-8000-000000000001")
                        .orElseThrow());
        String object = BrainObjects.newName(ACME, "legacy");
        assertEquals(
                new BrainObjects.Owner(ACME, "legacy"),
                BrainObjects.ownerOf(object).orElseThrow());
    }
}
