package dev.aicon.gateway.support;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The Redis key a replica reads an AIcon's cache entry from: the entry of the current cache generation, under the
 * AIcon's tenant.
 */
public final class CacheKeys {

    private CacheKeys() {}

    /** The entry of AIcon {@code id} of tenant {@code default}. */
    public static String entry(RedisDataSource redis, String id) {
        return entry(redis, "default", id);
    }

    /** The entry of AIcon {@code id} of {@code tenant}: the tenant is part of every key. */
    public static String entry(RedisDataSource redis, String tenant, String id) {
        return "aicon:doc:" + redis.value(String.class).get("aicon:doc:generation") + ":" + tenant + "/" + id;
    }
}
