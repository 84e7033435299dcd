package dev.aicon.gateway.service;

import dev.aicon.gateway.blob.DiskQuota;
import dev.aicon.gateway.blob.InsufficientStorage;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.jspecify.annotations.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One upload's body on its way to the spool file: counts and hashes each chunk, and reserves spool space ahead of
 * the bytes, 1 MiB at a time past what was declared. Used on the connection's context while the body arrives.
 */
public final class SpooledUpload {

    private static final long RESERVE_STEP = 1024 * 1024;

    private final Path file;
    private final DiskQuota quota;
    private final MessageDigest sha256 = BrainReader.sha256();
    private long reserved;
    private long size;
    private @Nullable Uni<Void> discarded;

    SpooledUpload(Path file, DiskQuota quota, long reserved) {
        this.file = file;
        this.quota = quota;
        this.reserved = reserved;
    }

    /** The file the body is written to. */
    public Path file() {
        return file;
    }

    /** The bytes received so far. */
    public long size() {
        return size;
    }

    /**
     * Counts and hashes {@code chunk}, reserving spool space for it first.
     *
     * @throws InsufficientStorage when the spool quota cannot take it; nothing more was reserved
     */
    public void take(byte[] chunk) {
        long now = size + chunk.length;
        if (now > reserved) {
            long more = Math.max(RESERVE_STEP, now - reserved);
            quota.reserve(more);
            reserved += more;
        }
        size = now;
        sha256.update(chunk);
    }

    BrainService.Received received() {
        return new BrainService.Received(file, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** Deletes the spool file, then gives its bytes back to the quota; once, however often it is called. */
    public Uni<Void> discard() {
        if (discarded == null) {
            discarded = BlockingWork.run(() -> Files.deleteIfExists(file))
                    .onFailure()
                    .recoverWithItem(e -> {
                        Log.warnf("could not delete spooled upload %s: %s", file, e.getMessage());
                        return null;
                    })
                    .invoke(() -> quota.release(reserved))
                    .memoize()
                    .indefinitely();
        }
        return discarded;
    }
}
