package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code aicon.cache.*}: the Redis read-through cache. */
@ConfigMapping(prefix = "aicon.cache")
public interface CacheConfig {

    /** Lifetime of a cached document (and of the marker a delete leaves). */
    @WithDefault("5m")
    Duration ttl();

    /** Prefix of every key the gateway writes, so several deployments can share one Redis. */
    @WithDefault("aicon:doc:")
    String keyPrefix();

    /** How often a cache generation bump that confirms missed invalidations is retried while Redis does not answer. */
    @WithDefault("1s")
    Duration invalidationRetryInterval();
}
