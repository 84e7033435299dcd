package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aicon.document.*}: limits on the JSON documents clients send. */
@ConfigMapping(prefix = "aicon.document")
public interface DocumentConfig {

    /** Largest JSON request body accepted, and largest document a write may leave stored; past either, 413. */
    @WithDefault("16M")
    MemorySize maxBytes();

    /** Most state factors one AIcon may have; more gets 400. */
    @WithDefault("1024")
    int maxFactors();

    /** Most entries kept in {@code run_stats.updates}; recording past it drops the oldest entries. */
    @WithDefault("1000")
    int maxUpdates();
}
