package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * {@code aicon.features.*}: optional behaviours, switched per environment. Each flag can roll out progressively:
 * {@code rollout-percent} of AIcons, chosen by a stable hash of the AIcon id, see it on; the others see it off.
 */
@ConfigMapping(prefix = "aicon.features")
public interface FeaturesConfig {

    /** The Redis read-through cache tier ({@code quarkus.redis.hosts} says where Redis is). */
    Flag cache();

    /** Brains above {@code aicon.blob.inline-max-bytes} go to GCS (else to the local blob directory). */
    Flag gcsOffload();

    /** Brains are compressed with {@code aicon.blob.compression.codec} when it pays. */
    Flag compression();

    /** SSE change streams; the rollout applies to per-AIcon streams, the global stream is on while any share is. */
    Flag sse();

    interface Flag {
        /** Whether the feature is on at all (defaults per profile in application.properties). */
        @WithConverter(StrictBoolean.class)
        boolean enabled();

        /** Share of AIcons (0-100, by a stable hash of the id) that get the feature while it is on. */
        @WithDefault("100")
        int rolloutPercent();
    }
}
