package dev.aicon.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts a PostgreSQL and a Redis of their own for one fault-test profile and points the gateway at them with the
 * cache on. Tests reach the running processes through {@link #current()} to stop and start them.
 */
public class FaultServices implements QuarkusTestResourceLifecycleManager {

    private static PostgresProcess postgres;
    private static RedisProcess redis;

    public static PostgresProcess postgres() {
        return postgres;
    }

    public static RedisProcess redis() {
        return redis;
    }

    @Override
    public Map<String, String> start() {
        postgres = new PostgresProcess().start();
        redis = new RedisProcess().start();
        Map<String, String> config = new HashMap<>();
        config.put("aicon.store.backend", "postgres");
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        config.put("quarkus.datasource.username", PostgresServer.RUNTIME);
        config.put("aicon.store.postgres.migration-username", PostgresServer.OWNER);
        config.put("aicon.store.postgres.migration-password", PostgresServer.PASSWORD);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        config.put("aicon.features.cache.enabled", "true");
        config.put("quarkus.redis.hosts", redis.url());
        return config;
    }

    @Override
    public void stop() {
        redis.stop();
        postgres.stop();
    }
}
