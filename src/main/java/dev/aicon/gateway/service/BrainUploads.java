package dev.aicon.gateway.service;

import dev.aicon.gateway.blob.BlobQuotas;
import dev.aicon.gateway.blob.DiskQuota;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.work.BlockingWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A brain upload around the reading of its body: before a byte is read, the AIcon and the preconditions are checked
 * and the declared length is reserved in the spool quota ({@code aicon.blob.spool-max-bytes}), so an upload that
 * cannot fit is refused with 507 at once; then a spool file is made for the body ({@link SpooledUpload}), which is
 * stored as the AIcon's brain through {@link BrainService} once received, and removed afterwards whatever happened.
 */
@ApplicationScoped
public class BrainUploads {

    private final BrainService brains;
    private final DiskQuota quota;
    private final Path spoolDir;
    private final long maxBytes;

    BrainUploads(BrainService brains, BlobQuotas quotas, BlobConfig blobs) {
        this.brains = brains;
        this.quota = quotas.spool();
        this.spoolDir = Path.of(blobs.spoolDir());
        this.maxBytes = blobs.maxBytes().asLongValue();
    }

    /** The largest brain accepted ({@code aicon.blob.max-bytes}). */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Checks that the AIcon exists and {@code preconditions} hold, reserves {@code declaredBytes} (0 when the client
     * declared none) in the spool quota and makes the spool file the body is written to.
     */
    public Uni<SpooledUpload> begin(TenantId tenant, String id, Preconditions preconditions, long declaredBytes) {
        return brains.checkBeforeUpload(tenant, id, preconditions).chain(() -> {
            quota.reserve(declaredBytes);
            return BlockingWork.io(() -> Files.createTempFile(spoolDir, "upload-", ".part"))
                    .onFailure()
                    .invoke(() -> quota.release(declaredBytes))
                    .map(file -> new SpooledUpload(file, quota, declaredBytes));
        });
    }

    /**
     * Stores the received body of {@code upload} as the AIcon's brain, recorded with {@code format} (null when
     * unknown), then removes the spool file; the upload's outcome is known only once the file is gone.
     */
    public Uni<BrainService.BrainWritten> store(
            TenantId tenant, String id, SpooledUpload upload, @Nullable String format, Preconditions preconditions) {
        return brains.put(tenant, id, upload.received(), format, preconditions)
                .onItemOrFailure()
                .call(upload::discard);
    }
}
