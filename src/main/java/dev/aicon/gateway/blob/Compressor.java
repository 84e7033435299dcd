package dev.aicon.gateway.blob;

import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.config.FeatureFlags;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compresses a received brain when it pays: only above the configured size, and only when compressing a 1 MiB
 * sample (then the whole) saves at least the configured share. Otherwise the brain is stored as sent. The
 * compressed copy is written to the spool under its quota, reserved as it grows, and writing stops as soon as it
 * is larger than the size less the saving.
 */
@ApplicationScoped
public class Compressor {

    private static final int SAMPLE = 1024 * 1024;

    private final FeatureFlags flags;
    private final BlobConfig.Compression config;
    private final Path spool;
    private final DiskQuota quota;

    Compressor(FeatureFlags flags, BlobConfig blobs, BlobQuotas quotas) {
        this.flags = flags;
        this.config = blobs.compression();
        this.spool = Path.of(blobs.spoolDir());
        this.quota = quotas.spool();
    }

    /**
     * What to store for the AIcon {@code id}: the compressed file and its codec, or {@code received} itself with
     * codec none (compression off for this AIcon, too small, or not paying). Blocking. Fails with
     * {@link InsufficientStorage} when the spool has no room for the compressed copy.
     */
    public Stored prepare(String id, Path received, long size) {
        if (config.codec() == BlobConfig.Codec.none || !flags.isOnFor(FeatureFlags.Feature.compression, id)) {
            return new Stored(received, BlobConfig.Codec.none, size, false);
        }
        try {
            return compressIfItPays(received, size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not compress the received brain", e);
        }
    }

    private Stored compressIfItPays(Path received, long size) throws IOException {
        if (size < config.minBytes().asLongValue() || !samplePays(received)) {
            return new Stored(received, BlobConfig.Codec.none, size, false);
        }
        Path compressed = Files.createTempFile(spool, "stored-", ".part");
        ReservingOutputStream reserving = new ReservingOutputStream(
                Files.newOutputStream(compressed), quota, (long) (size * (1 - config.minSaving())));
        try {
            try (InputStream in = Files.newInputStream(received);
                    OutputStream out = Codecs.compressing(config.codec(), config.level(), reserving)) {
                in.transferTo(out);
            }
            long storedSize = Files.size(compressed);
            quota.release(reserving.reserved() - storedSize);
            return new Stored(compressed, config.codec(), storedSize, true);
        } catch (ReservingOutputStream.CapPassed notPaying) {
            Files.deleteIfExists(compressed);
            quota.release(reserving.reserved());
            return new Stored(received, BlobConfig.Codec.none, size, false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(compressed);
            quota.release(reserving.reserved());
            throw e;
        }
    }

    /** Deletes {@code stored} if it was made here, and gives its bytes back to the spool quota. Blocking. */
    public void discard(Stored stored) throws IOException {
        if (stored.temporary() && Files.deleteIfExists(stored.file())) {
            quota.release(stored.size());
        }
    }

    private boolean samplePays(Path received) throws IOException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(received)) {
            sample = in.readNBytes(SAMPLE);
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream(sample.length / 2 + 64);
        try (OutputStream out = Codecs.compressing(config.codec(), config.level(), sink)) {
            out.write(sample);
        }
        return sink.size() <= sample.length * (1 - config.minSaving());
    }

    /** A file ready to store; {@code temporary} when it was made here and must be deleted after use. */
    public record Stored(Path file, BlobConfig.Codec codec, long size, boolean temporary) {}
}
