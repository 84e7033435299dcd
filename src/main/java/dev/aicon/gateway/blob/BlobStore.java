package dev.aicon.gateway.blob;

import io.smallrye.mutiny.Uni;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One place brains are kept. Objects are written once under a unique name and never changed. */
public interface BlobStore {

    BrainMeta.Location location();

    /** Stores {@code file} as {@code object}; it is durable when the item arrives. */
    Uni<Void> put(String object, Path file);

    /** The stored bytes of {@code object}; read it on a worker thread. Fails with {@link BlobMissing}. */
    Uni<InputStream> open(String object);

    Uni<Void> delete(String object);

    /** Every stored object with its creation time, for the orphan cleanup. */
    Uni<List<StoredObject>> list();

    record StoredObject(String name, Instant createdAt) {}

    /** The object does not exist (an answer, not an outage). */
    class BlobMissing extends RuntimeException {
        public BlobMissing(String object) {
            super("stored brain object " + object + " does not exist", null, false, false);
        }
    }
}
