package dev.aicon.gateway.blob;

import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.StorageOptions;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.config.ByteSize;
import dev.aicon.gateway.config.FeatureFlags;
import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.config.StoreConfig;
import dev.aicon.gateway.resilience.BackendGuard;
import dev.aicon.gateway.store.postgres.SchemaMigrations;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Builds the brain tiers from configuration: inline next to the store, large ones in GCS or a local directory. */
@ApplicationScoped
public class BlobProducer {

    @Produces
    @Singleton
    @Startup(ObserverMethod.DEFAULT_PRIORITY - 1)
    BrainStorage brainStorage(
            BlobConfig blobs,
            FeatureFlags flags,
            StoreConfig store,
            ResilienceConfig resilience,
            Instance<Pool> pool,
            MeterRegistry registry,
            SchemaMigrations schema,
            BlobQuotas quotas,
            BrainWorkers workers) {
        BlobStore inline = store.backend() == StoreConfig.Backend.postgres
                ? new PostgresBlobStore(pool.get(), schema, workers)
                : new LocalBlobStore(BlobQuotas.inlineDir(store), BrainMeta.Location.inline, quotas.local(), workers);
        BlobStore local =
                new LocalBlobStore(Path.of(blobs.localDir()), BrainMeta.Location.local, quotas.local(), workers);
        GcsBlobStore gcs = null;
        if (flags.isOn(FeatureFlags.Feature.gcsOffload)) {
            String bucket = blobs.gcs()
                    .bucket()
                    .orElseThrow(() -> new IllegalStateException(
                            "aicon.features.gcs-offload.enabled=true needs aicon.blob.gcs.bucket"));
            StorageOptions.Builder options =
                    StorageOptions.newBuilder().setRetrySettings(ServiceOptions.getNoRetrySettings());
            blobs.gcs().projectId().ifPresent(options::setProjectId);
            blobs.gcs().host().ifPresent(host -> options.setHost(host).setCredentials(NoCredentials.getInstance()));
            BackendGuard guard = new BackendGuard(
                    "gcs",
                    resilience.gcs(),
                    failure -> !(failure instanceof BlobStore.BlobMissing || failure instanceof BrainUnavailable),
                    registry);
            gcs = new GcsBlobStore(
                    options.build().getService(),
                    bucket,
                    (int) blobs.gcs().uploadChunkSize().asLongValue(),
                    guard,
                    workers);
            Log.infof(
                    "brains: inline up to %s, larger ones to GCS bucket %s (or %s outside the rollout)",
                    ByteSize.of(blobs.inlineMaxBytes()), bucket, blobs.localDir());
        } else {
            Log.infof(
                    "brains: inline up to %s, larger ones to %s",
                    ByteSize.of(blobs.inlineMaxBytes()), blobs.localDir());
        }
        LocalBlobStore pending = new LocalBlobStore(
                Path.of(blobs.spoolDir(), "pending"), BrainMeta.Location.gcs, quotas.spool(), workers);
        return new BrainStorage(
                inline, local, gcs, pending, blobs.inlineMaxBytes().asLongValue(), flags, workers);
    }
}
