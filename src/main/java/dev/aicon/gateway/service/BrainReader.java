package dev.aicon.gateway.service;

import dev.aicon.gateway.blob.BlobStore;
import dev.aicon.gateway.work.BlockingWork;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.BrainStorage;
import dev.aicon.gateway.blob.BrainUnavailable;
import dev.aicon.gateway.blob.Codecs;
import dev.aicon.gateway.config.BlobConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Prepares a brain for sending and proves it first: the original bytes are checked against the recorded SHA-256 and
 * size before the answer starts, so a damaged object is an error answer, never corrupt bytes sent as a success.
 * An uncompressed file on this machine is checked in place and sent as it is; anything else is decompressed into
 * a temporary file while it is checked. Memory use is one buffer, whatever the size.
 */
@ApplicationScoped
public class BrainReader {

    private final BrainStorage storage;
    private final Path spool;

    BrainReader(BrainStorage storage, BlobConfig blobs) {
        this.storage = storage;
        this.spool = Path.of(blobs.spoolDir());
    }

    /** A file holding exactly the brain's original bytes; {@code temporary} files are deleted once sent. */
    public record Verified(Path file, boolean temporary) {
    }

    public Uni<Verified> verified(String id, BrainMeta brain) {
        Optional<Path> local = storage.localFile(brain);
        if (local.isPresent() && brain.codec() == BlobConfig.Codec.none) {
            return BlockingWork.io(() -> {
                try (InputStream in = Files.newInputStream(local.get())) {
                    check(id, brain, in, OutputStream.nullOutputStream());
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new ServiceException.BrainCorrupt(id, "the stored object is missing");
                }
                return new Verified(local.get(), false);
            });
        }
        return storage.open(brain).onFailure(BlobStore.BlobMissing.class)
                .transform(e -> new ServiceException.BrainCorrupt(id, "the stored object is missing"))
                .onFailure(e -> !(e instanceof ServiceException || e instanceof BrainUnavailable))
                .transform(e -> new ServiceException.StoreUnavailable(id, e))
                .chain(stored -> BlockingWork.io(() -> {
                    Path temp = Files.createTempFile(spool, "read-", ".part");
                    try (InputStream in = Codecs.decompressing(brain.codec(), stored);
                            OutputStream out = Files.newOutputStream(temp)) {
                        check(id, brain, in, out);
                        return new Verified(temp, true);
                    } catch (RuntimeException | IOException e) {
                        BrainService.deleteQuietly(temp);
                        throw translate(id, brain, e);
                    }
                }));
    }

    private static void check(String id, BrainMeta brain, InputStream in, OutputStream out) throws IOException {
        MessageDigest sha256 = sha256();
        long size;
        try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
            size = digesting.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (size != brain.size() || !actual.equals(brain.sha256())) {
            throw new ServiceException.BrainCorrupt(id, "read " + size + " bytes with SHA-256 " + actual
                    + ", recorded " + brain.size() + " bytes with SHA-256 " + brain.sha256());
        }
    }

    /** A failed read of a GCS object is an outage (503); any other damage is corruption (500). */
    private static RuntimeException translate(String id, BrainMeta brain, Exception e) {
        if (e instanceof ServiceException.BrainCorrupt corrupt) {
            return corrupt;
        }
        boolean transport = brain.location() == BrainMeta.Location.gcs && causedByTransport(e);
        return transport ? new BrainUnavailable(brain, e)
                : new ServiceException.BrainCorrupt(id, "the stored bytes cannot be decoded (" + e + ")");
    }

    private static boolean causedByTransport(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.google.cloud.BaseServiceException || t instanceof java.net.SocketException
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
}
