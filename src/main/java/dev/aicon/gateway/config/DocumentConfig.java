package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code aicon.document.*}: limits on the JSON documents clients send. */
@ConfigMapping(prefix = "aicon.document")
public interface DocumentConfig {

    /** Largest JSON request body accepted, and largest document a write may leave stored; past either, 413. */
    @WithDefault("16M")
    MemorySize maxBytes();

    /**
     * Most JSON tokens (each bracket, key and value counts one) in one body or import line; more gets 413
     * {@code body-too-complex}. It bounds the heap one parsed body takes, whatever its bytes hold.
     */
    @WithDefault("100000")
    int maxTokens();

    /**
     * Heap the JSON bodies in flight may take at most, as estimated from their length before they are read
     * ({@code BodyBudget}); {@code 0} takes half of the JVM's maximum heap.
     */
    @WithDefault("0")
    MemorySize inFlightMaxBytes();

    /** How long a body waits for room in {@link #inFlightMaxBytes()} before it is answered 503 {@code too-busy}. */
    @WithDefault("2s")
    Duration inFlightWait();

    /** Most state factors one AIcon may have; more gets 400. */
    @WithDefault("1024")
    int maxFactors();

    /** Most entries kept in {@code run_stats.updates}; recording past it drops the oldest entries. */
    @WithDefault("1000")
    int maxUpdates();
}
