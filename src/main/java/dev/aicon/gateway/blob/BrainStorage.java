package dev.aicon.gateway.blob;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses where a brain goes by its stored size (inline up to {@code aicon.blob.inline-max-bytes}, else GCS or
 * the local blob directory) and reads it back from there. While GCS is unavailable, large brains wait in the
 * pending-upload spool, which also serves their reads until {@link #uploadPending()} has sent them.
 */
public class BrainStorage {

    private final BlobStore inline;
    private final BlobStore large;
    private final LocalBlobStore pending;
    private final long inlineMaxBytes;

    public BrainStorage(BlobStore inline, BlobStore large, LocalBlobStore pending, long inlineMaxBytes) {
        this.inline = inline;
        this.large = large;
        this.pending = pending;
        this.inlineMaxBytes = inlineMaxBytes;
    }

    /** Stores {@code file} (of {@code storedSize} bytes) as {@code object}; the item is where it went. */
    public Uni<BrainMeta.Location> put(String object, Path file, long storedSize) {
        BlobStore target = storedSize <= inlineMaxBytes ? inline : large;
        Uni<Void> stored = target.put(object, file);
        if (target instanceof GcsBlobStore) {
            stored = stored.onFailure(e -> !(e instanceof BlobStore.BlobMissing)).recoverWithUni(outage -> {
                Log.warnf("GCS unavailable (%s): brain object %s waits in the upload spool", outage, object);
                return pending.put(object, file);
            });
        }
        return stored.replaceWith(target.location());
    }

    /** The stored bytes of {@code meta}; fails with {@link BrainUnavailable} when GCS is down and no copy is here. */
    public Uni<InputStream> open(BrainMeta meta) {
        Optional<Path> local = localFile(meta);
        if (local.isPresent()) {
            return Blocking.io(() -> Files.newInputStream(local.get()));
        }
        return storeOf(meta).open(meta.object()).onFailure(e -> meta.location() == BrainMeta.Location.gcs
                && !(e instanceof BlobStore.BlobMissing)).transform(e -> new BrainUnavailable(meta, e));
    }

    /** The file holding {@code meta}'s stored bytes on this machine, if there is one. */
    public Optional<Path> localFile(BrainMeta meta) {
        if (meta.location() == BrainMeta.Location.gcs) {
            Path spooled = pending.pathOf(meta.object());
            return Files.exists(spooled) ? Optional.of(spooled) : Optional.empty();
        }
        BlobStore store = storeOf(meta);
        return store instanceof LocalBlobStore local ? Optional.of(local.pathOf(meta.object())) : Optional.empty();
    }

    public Uni<Void> delete(BrainMeta meta) {
        return storeOf(meta).delete(meta.object());
    }

    /** Sends spooled uploads to GCS, oldest first; stops at the first failure and tries again next time. */
    public Uni<Integer> uploadPending() {
        if (!(large instanceof GcsBlobStore)) {
            return Uni.createFrom().item(0);
        }
        return pending.list().chain(waiting -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (BlobStore.StoredObject object : waiting) {
                chain = chain.chain(done -> large.put(object.name(), pending.pathOf(object.name()))
                        .chain(() -> pending.delete(object.name())).replaceWith(done + 1));
            }
            return chain;
        });
    }

    public Uni<Integer> pendingUploads() {
        return pending.list().map(List::size);
    }

    /** For health details: where brains above the inline threshold go ({@code gcs} or {@code local}). */
    public String largeTier() {
        return large.location().name();
    }

    /** For health details: the GCS breaker's state, or {@code OFF} when offload is off. */
    public String gcsBreakerState() {
        return large instanceof GcsBlobStore gcs ? gcs.breakerState() : "OFF";
    }

    /** The stores the orphan cleanup looks through. */
    public List<BlobStore> stores() {
        List<BlobStore> stores = new ArrayList<>(List.of(inline));
        if (large != inline) {
            stores.add(large);
        }
        return stores;
    }

    private BlobStore storeOf(BrainMeta meta) {
        return meta.location() == inline.location() ? inline : large;
    }
}
