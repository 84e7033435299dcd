package dev.aicon.gateway.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 17 (embedded from Maven) per test JVM, on 127.0.0.1 only. Each user gets a fresh database,
 * owned by {@link #OWNER}. Besides the superuser {@link #USER} (for inspecting and damaging data), the server has the
 * two roles of a production deployment: {@link #OWNER}, which runs the migrations and owns the tables, and
 * {@link #RUNTIME}, the gateway's datasource user (LOGIN NOSUPERUSER NOBYPASSRLS, owns nothing). All share
 * {@link #PASSWORD}.
 */
public final class PostgresServer {

    public static final String USER = "postgres";
    public static final String PASSWORD = "not-a-secret";
    /** The owner role: Flyway migrates as it ({@code aicon.store.postgres.migration-username}). */
    public static final String OWNER = "aicon_owner";
    /** The runtime role: the gateway's {@code quarkus.datasource.username}, bound by row-level security. */
    public static final String RUNTIME = "aicon_runtime";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            createRoles(jdbcUrl("postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
        }
        return server;
    }

    /** Creates an empty database and returns its name. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return name;
    }

    /**
     * Creates {@link #OWNER} and {@link #RUNTIME} on the server at {@code jdbcUrl} unless they exist, and lets the
     * owner create tables in that database's {@code public} schema.
     */
    public static void createRoles(String jdbcUrl) {
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            for (String role : new String[] {OWNER, RUNTIME}) {
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
                        + "') THEN CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE PASSWORD '"
                        + PASSWORD + "'; END IF; END $$");
            }
            statement.execute("GRANT CREATE ON SCHEMA public TO " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the owner and runtime roles", e);
        }
    }

    /**
     * The datasource settings of a gateway on {@code database}: requests as {@link #RUNTIME}, migrations as
     * {@link #OWNER}; {@code reactiveUrl} may point at a proxy in front of the server.
     */
    public static java.util.Map<String, String> datasource(String database, String reactiveUrl) {
        return java.util.Map.of(
                "aicon.store.backend", "postgres",
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.reactive.url", reactiveUrl,
                "quarkus.datasource.username", RUNTIME,
                "quarkus.datasource.password", PASSWORD,
                "aicon.store.postgres.migration-username", OWNER,
                "aicon.store.postgres.migration-password", PASSWORD);
    }

    /** Flyway on {@code jdbcUrl} as a gateway runs it: as {@link #OWNER}, granting {@link #RUNTIME}. */
    public static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String jdbcUrl) {
        return org.flywaydb.core.Flyway.configure()
                .dataSource(jdbcUrl, OWNER, PASSWORD)
                .placeholders(java.util.Map.of("runtime_role", RUNTIME));
    }

    public static int port() {
        return server().getPort();
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }
}
