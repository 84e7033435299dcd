package dev.aicon.gateway.blob;

import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.config.StoreConfig;
import dev.aicon.gateway.work.LeftoverFiles;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two disk quotas of brains: {@code aicon.blob.local-max-bytes} over local blob storage (the local blob
 * directory and the file store's inline brains, orphans awaiting cleanup included) and
 * {@code aicon.blob.spool-max-bytes} over the spool (uploads in progress, their compressed copies, brains waiting
 * for GCS). At start the spool's leftovers of an earlier run are removed and both counts are set by a scan on an
 * {@code aicon-brain} thread.
 */
@Singleton
@Startup(ObserverMethod.DEFAULT_PRIORITY - 1)
public class BlobQuotas {

    private final DiskQuota local;
    private final DiskQuota spool;
    private final Path spoolDir;
    private final Path[] localDirs;

    BlobQuotas(BlobConfig blobs, StoreConfig store) throws IOException {
        this.local = new DiskQuota(
                "aicon.blob.local-max-bytes", blobs.localMaxBytes().asLongValue());
        this.spool = new DiskQuota(
                "aicon.blob.spool-max-bytes", blobs.spoolMaxBytes().asLongValue());
        this.spoolDir = Path.of(blobs.spoolDir());
        this.localDirs = new Path[] {Path.of(blobs.localDir()), inlineDir(store)};
        Files.createDirectories(spoolDir);
        LeftoverFiles.deleteEndingWith(spoolDir, ".part");
    }

    /** Where the file and memory stores keep inline brains. */
    static Path inlineDir(StoreConfig store) {
        return Path.of(store.file().dir(), "brains");
    }

    void scanAtStart(@Observes StartupEvent start, BrainWorkers workers) {
        workers.run(() -> {
                    local.scan(localDirs);
                    spool.scan(spoolDir);
                    return null;
                })
                .subscribe()
                .with(
                        done -> Log.infof(
                                "brain disk use: local %d of %d bytes, spool %d of %d bytes",
                                local.used(), local.maxBytes(), spool.used(), spool.maxBytes()),
                        failure -> Log.warnf("could not measure brain disk use at start: %s", failure.toString()));
    }

    public DiskQuota local() {
        return local;
    }

    public DiskQuota spool() {
        return spool;
    }
}
