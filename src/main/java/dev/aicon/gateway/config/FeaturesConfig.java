package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aicon.features.*}: optional tiers, switched on per environment. */
@ConfigMapping(prefix = "aicon.features")
public interface FeaturesConfig {

    /** The Redis read-through cache tier. */
    Cache cache();

    interface Cache {
        /** Whether reads go through Redis first ({@code quarkus.redis.hosts} says where it is). */
        @WithDefault("false")
        boolean enabled();
    }
}
