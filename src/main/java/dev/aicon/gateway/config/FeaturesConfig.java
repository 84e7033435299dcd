package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aicon.features.*}: optional tiers, switched on per environment. */
@ConfigMapping(prefix = "aicon.features")
public interface FeaturesConfig {

    /** The Redis read-through cache tier. */
    Cache cache();

    /** Offload of large brains to Google Cloud Storage. */
    GcsOffload gcsOffload();

    /** Compression of stored brains. */
    Compression compression();

    interface GcsOffload {
        /** Whether brains above {@code aicon.blob.inline-max-bytes} go to GCS (else to the local blob directory). */
        @WithDefault("false")
        boolean enabled();
    }

    interface Compression {
        /** Whether brains are compressed with {@code aicon.blob.compression.codec}. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Cache {
        /** Whether reads go through Redis first ({@code quarkus.redis.hosts} says where it is). */
        @WithDefault("false")
        boolean enabled();
    }
}
