package dev.aicon.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A fresh database on the embedded PostgreSQL whose reactive datasource (every request) goes through a counting
 * {@link LatencyProxy} with no delay; Flyway's JDBC connection goes straight to the server and is not counted.
 */
public class CountedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static LatencyProxy proxy;

    /** The proxy in front of the database of the running test application. */
    public static LatencyProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        String database = PostgresServer.newDatabase("counted");
        try {
            proxy = new LatencyProxy(PostgresServer.port(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the counting proxy did not start", e);
        }
        return PostgresServer.datasource(database, "postgresql://127.0.0.1:" + proxy.port() + "/" + database);
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException ignored) {
            // the proxy's threads are daemons and end with the JVM
        }
    }
}
