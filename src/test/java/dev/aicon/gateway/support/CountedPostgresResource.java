package dev.aicon.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A fresh database on the embedded PostgreSQL whose reactive datasource (every request, as the runtime role) goes
 * through a counting {@link LatencyProxy}; Flyway's JDBC connection (the owner role) goes straight to the server and
 * is not counted.
 *
 * <p>The proxy delays each direction by {@link #ONE_WAY_MILLIS}. A tenant-scoped statement is four pipelined
 * commands ({@code BEGIN}, {@code set_config}, the statement, {@code COMMIT}; see {@code TenantScope}) that leave the
 * client in separate writes microseconds apart: with no delay at all the server could answer the first before the
 * proxy read the last, and the proxy would count a round trip the client never waited for.
 */
public class CountedPostgresResource implements QuarkusTestResourceLifecycleManager {

    static final long ONE_WAY_MILLIS = 5;

    private static LatencyProxy proxy;

    /** The proxy in front of the database of the running test application. */
    public static LatencyProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        String database = PostgresServer.newDatabase("counted");
        try {
            proxy = new LatencyProxy(PostgresServer.port(), ONE_WAY_MILLIS);
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
