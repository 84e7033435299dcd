package dev.aicon.gateway.service;

import dev.aicon.gateway.blob.BlobStore;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.BrainStorage;
import dev.aicon.gateway.blob.BrainUnavailable;
import dev.aicon.gateway.blob.BrainWorkers;
import dev.aicon.gateway.blob.Codecs;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.failure.FailureKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Prepares a brain for sending and proves it first: the original bytes are checked against the recorded SHA-256 and
 * size before the answer starts, so a damaged object is an error answer, never corrupt bytes sent as a success.
 * An uncompressed file on this machine is checked in place and sent as it is. Anything else is checked by
 * decompressing the stored bytes into nothing, then opened again and decompressed as it is sent
 * ({@link BrainChunks}, which checks it once more): no reader writes a decompressed copy to disk, and memory use is
 * a few buffers, whatever the size. All of it runs on {@code aicon-brain} threads.
 */
@ApplicationScoped
public class BrainReader {

    private final BrainStorage storage;
    private final BrainWorkers workers;

    BrainReader(BrainStorage storage, BrainWorkers workers) {
        this.storage = storage;
        this.workers = workers;
    }

    /** What a read sends: exactly the brain's original bytes, in a verified file or as checked chunks. */
    public sealed interface Body {}

    /** An uncompressed stored file, checked in place, to send as it is. */
    public record FileBody(Path file) implements Body {}

    /** The original bytes, decompressed chunk by chunk as they are sent; close it when done. */
    public record StreamBody(BrainChunks chunks) implements Body {}

    public Uni<Body> body(String id, BrainMeta brain) {
        return storage.localFile(brain).chain(local -> {
            if (local.isPresent() && brain.codec() == BlobConfig.Codec.none) {
                return workers.run(() -> {
                    try (InputStream in = Files.newInputStream(local.get())) {
                        check(id, brain, in);
                    } catch (NoSuchFileException e) {
                        throw ServiceException.brainCorrupt(id, "the stored object is missing");
                    }
                    return new FileBody(local.get());
                });
            }
            return verify(id, brain).chain(() -> open(id, brain)).map(StreamBody::new);
        });
    }

    private Uni<Void> verify(String id, BrainMeta brain) {
        return stored(id, brain)
                .chain(stored -> workers.run(() -> {
                    try (InputStream in = Codecs.decompressing(brain.codec(), stored)) {
                        check(id, brain, in);
                    } catch (RuntimeException | IOException e) {
                        stored.close();
                        throw translate(id, brain, e);
                    }
                    return null;
                }));
    }

    private Uni<BrainChunks> open(String id, BrainMeta brain) {
        return stored(id, brain)
                .chain(stored -> workers.run(() -> {
                    try {
                        return new BrainChunks(id, brain, Codecs.decompressing(brain.codec(), stored), workers);
                    } catch (RuntimeException | IOException e) {
                        stored.close();
                        throw translate(id, brain, e);
                    }
                }));
    }

    private Uni<InputStream> stored(String id, BrainMeta brain) {
        return storage.open(brain)
                .onFailure(BlobStore.BlobMissing.class)
                .transform(e -> ServiceException.brainCorrupt(id, "the stored object is missing"))
                .onFailure(e -> !(e instanceof ServiceException || e instanceof BrainUnavailable))
                .transform(e -> ServiceException.storeUnavailable(id, e));
    }

    private static void check(String id, BrainMeta brain, InputStream in) throws IOException {
        MessageDigest sha256 = sha256();
        long size;
        try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
            size = digesting.transferTo(OutputStream.nullOutputStream());
        }
        BrainChunks.match(id, brain, size, sha256);
    }

    /** A failed read of a GCS object is an outage (503); any other damage is corruption (500). */
    static RuntimeException translate(String id, BrainMeta brain, Exception e) {
        if (FailureKind.STORED_BRAIN_CORRUPT.isKindOf(e) || e instanceof BrainUnavailable) {
            return (RuntimeException) e;
        }
        boolean transport = brain.location() == BrainMeta.Location.gcs && causedByTransport(e);
        return transport
                ? new BrainUnavailable(brain, e)
                : ServiceException.brainCorrupt(id, "the stored bytes cannot be decoded (" + e + ")");
    }

    private static boolean causedByTransport(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.google.cloud.BaseServiceException
                    || t instanceof java.net.SocketException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String hex(MessageDigest sha256) {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
