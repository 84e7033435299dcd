package dev.aicon.gateway.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;

/**
 * Fails start-up when a feature that is on lacks a setting it cannot work without, naming the missing key, instead
 * of starting a gateway that reports itself unready later. GCS offload needs {@code aicon.blob.gcs.bucket}. (The
 * PostgreSQL store's datasource is checked where the store is opened; the cache's {@code quarkus.redis.hosts} has
 * a default.) It runs before the scheduler starts its jobs, so none of them meets the missing setting first.
 */
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
@ApplicationScoped
public class RequiredSettingsCheck {

    RequiredSettingsCheck(FeatureFlags flags, BlobConfig blobs) {
        boolean noBucket =
                blobs.gcs().bucket().filter(bucket -> !bucket.isBlank()).isEmpty();
        if (flags.isOn(FeatureFlags.Feature.gcsOffload) && noBucket) {
            throw new IllegalArgumentException("aicon.blob.gcs.bucket is required while aicon.features."
                    + FeatureFlags.Feature.gcsOffload.key + ".enabled=true: set it (AICON_BLOB_GCS_BUCKET) "
                    + "or turn GCS offload off");
        }
    }
}
