package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.store.SchemaNotReady;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.PostgresServer;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deferred migrations against a real PostgreSQL that is down at first and started later. */
class SchemaMigrationsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private final PostgresProcess postgres = new PostgresProcess();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger migratedCalls = new AtomicInteger();
    private final SchemaMigrations schema = new SchemaMigrations(
            () -> {
                attempts.incrementAndGet();
                return PostgresServer.flyway(postgres.jdbcUrl()).load();
            },
            INTERVAL,
            Infrastructure.getDefaultWorkerPool(),
            false,
            () -> {},
            migratedCalls::incrementAndGet);

    @AfterEach
    void stop() {
        postgres.stop();
    }

    @Test
    void whileTheDatabaseIsDownEveryCallFailsAsNotReadyAndAttemptsArePacedThenItMigratesOnce() throws Exception {
        assertEquals("pending", schema.state());
        assertEquals(0, migratedCalls.get());
        Throwable first =
                assertThrows(SchemaNotReady.class, () -> schema.ready().await().atMost(Duration.ofSeconds(30)));
        assertTrue(schema.attempted());
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(
                    SchemaNotReady.class,
                    assertThrows(
                            RuntimeException.class, () -> schema.ready().await().atMost(Duration.ofSeconds(1))));
        }
        assertEquals(1, attempts.get(), "no new attempt within the retry interval: " + first);

        postgres.start();
        Awaitility.await("migrated once PostgreSQL answers")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(INTERVAL.dividedBy(5))
                .ignoreException(SchemaNotReady.class)
                .until(() -> {
                    schema.ready().await().atMost(Duration.ofSeconds(10));
                    return schema.state().equals("migrated");
                });
        int made = attempts.get();
        schema.ready().await().atMost(Duration.ofSeconds(1));
        assertEquals(made, attempts.get(), "once migrated, calls go straight through");
        assertEquals(1, migratedCalls.get(), "the migrated hook runs once");
        try (Connection db =
                        DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement query = db.createStatement();
                ResultSet tables = query.executeQuery("SELECT count(*) FROM aicons")) {
            assertTrue(tables.next());
            assertEquals(0, tables.getLong(1));
        }
    }
}
