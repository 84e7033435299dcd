package dev.aicon.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a Quarkus test at a fresh database on the embedded PostgreSQL; Flyway migrates it at start as the owner
 * role, requests run as the runtime role (row-level security binds them). */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = PostgresServer.newDatabase("api");
        return PostgresServer.datasource(database, PostgresServer.reactiveUrl(database));
    }

    @Override
    public void stop() {
        // the server outlives each Quarkus application and stops with the JVM
    }
}
