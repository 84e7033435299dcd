package dev.aicon.gateway.service;

import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.BrainUnavailable;
import dev.aicon.gateway.blob.BrainWorkers;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A brain's original bytes read in chunks of at most {@value #CHUNK} bytes from its decompressing stream, each read
 * on an {@code aicon-brain} thread, hashed and counted on the way: the end is only reported once the bytes match the
 * recorded size and SHA-256, so a sender can hold back its last chunk until then. One read at a time.
 */
public final class BrainChunks {

    static final int CHUNK = 64 * 1024;

    private final String id;
    private final BrainMeta brain;
    private final InputStream in;
    private final BrainWorkers workers;
    private final MessageDigest sha256 = BrainReader.sha256();
    private long size;

    BrainChunks(String id, BrainMeta brain, InputStream in, BrainWorkers workers) {
        this.id = id;
        this.brain = brain;
        this.in = in;
        this.workers = workers;
    }

    /**
     * The next chunk, or null at the end when everything read matched; fails with
     * {@link ServiceException#brainCorrupt} when it did not.
     */
    public Uni<byte[]> next() {
        return workers.run(this::read);
    }

    private byte @Nullable [] read() {
        try {
            byte[] chunk = in.readNBytes(CHUNK);
            if (chunk.length == 0) {
                match(id, brain, size, sha256);
                return null;
            }
            size += chunk.length;
            if (size > brain.size()) {
                throw ServiceException.brainCorrupt(id, "read more than the recorded " + brain.size() + " bytes");
            }
            sha256.update(chunk);
            return chunk;
        } catch (IOException | RuntimeException e) {
            throw BrainReader.translate(id, brain, e);
        }
    }

    /** Closes the stream on an {@code aicon-brain} thread; call it once, when no read is in flight. */
    public void close() {
        workers.run(this::closeStream)
                .onFailure(BrainUnavailable.class)
                .recoverWithUni(busy -> BlockingWork.io(this::closeStream))
                .subscribe()
                .with(
                        closed -> {},
                        failure -> Log.debugf("closing the brain stream of %s failed: %s", id, failure.toString()));
    }

    private Void closeStream() throws IOException {
        in.close();
        return null;
    }

    static void match(String id, BrainMeta brain, long size, MessageDigest sha256) {
        String actual = BrainReader.hex(sha256);
        if (size != brain.size() || !actual.equals(brain.sha256())) {
            throw ServiceException.brainCorrupt(
                    id,
                    "read " + size + " bytes with SHA-256 " + actual + ", recorded " + brain.size()
                            + " bytes with SHA-256 " + brain.sha256());
        }
    }
}
