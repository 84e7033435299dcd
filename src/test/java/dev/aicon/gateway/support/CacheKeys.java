package dev.aicon.gateway.support;

import io.quarkus.redis.datasource.RedisDataSource;

/** The Redis key a replica reads an AIcon's cache entry from: the entry of the current cache generation. */
public final class CacheKeys {

    private CacheKeys() {}

    public static String entry(RedisDataSource redis, String id) {
        return "aicon:doc:" + redis.value(String.class).get("aicon:doc:generation") + ":" + id;
    }
}
