package dev.aicon.gateway.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL 17 (embedded from Maven) with its own data directory and port, which a fault test can stop and
 * start again: the data survives, as it would on a database server that restarts.
 */
public final class PostgresProcess {

    private final int port = RedisProcess.freePort();
    private final Path dataDir;
    private EmbeddedPostgres server;

    public PostgresProcess() {
        try {
            this.dataDir = Files.createTempDirectory("aicon-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized PostgresProcess start() {
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
        PostgresServer.createRoles(jdbcUrl());
        return this;
    }

    public synchronized void stop() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/postgres";
    }
}
