package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code aicon.resilience.*}: timeout, circuit breaker and read retries around each backend. */
@ConfigMapping(prefix = "aicon.resilience")
public interface ResilienceConfig {

    /** Guard of the store (PostgreSQL, file or memory). */
    Backend store();

    /** Guard of the Redis cache. */
    Backend cache();

    /** Guard of Google Cloud Storage (per call; a large transfer may take longer, see {@code aicon.blob.gcs}). */
    Backend gcs();

    /**
     * How many recently seen AIcons are kept in memory: they answer reads while the store is down and let a write
     * skip the read round trip.
     */
    @WithDefault("10000")
    int memoryCopies();

    /** Cap on the estimated size of those copies; the least recently used go first. */
    @WithDefault("64M")
    io.quarkus.runtime.configuration.MemorySize memoryCopiesMaxBytes();

    interface Backend {
        /** Longest a single call may take before it counts as failed. */
        @WithDefault("2s")
        Duration timeout();

        /** Calls in the rolling window the breaker looks at. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** Share of failed calls in that window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before it lets trial calls through. */
        @WithDefault("5s")
        Duration delay();

        /** Successful trial calls that close the breaker again. */
        @WithDefault("2")
        int successThreshold();

        /** Retries of an idempotent read after a failure (never of a write). */
        @WithDefault("1")
        int readRetries();

        /** Pause before such a retry. */
        @WithDefault("50ms")
        Duration readRetryDelay();
    }
}
