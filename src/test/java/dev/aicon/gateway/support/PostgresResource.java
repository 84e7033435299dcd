package dev.aicon.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a Quarkus test at a fresh database on the embedded PostgreSQL; Flyway migrates it at start. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = PostgresServer.newDatabase("api");
        return Map.of(
                "aicon.store.backend",
                "postgres",
                "quarkus.datasource.jdbc.url",
                PostgresServer.jdbcUrl(database),
                "quarkus.datasource.reactive.url",
                PostgresServer.reactiveUrl(database),
                "quarkus.datasource.username",
                PostgresServer.USER,
                "quarkus.datasource.password",
                PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // the server outlives each Quarkus application and stops with the JVM
    }
}
