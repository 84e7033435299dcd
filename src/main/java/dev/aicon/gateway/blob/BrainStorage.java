package dev.aicon.gateway.blob;

import dev.aicon.gateway.config.FeatureFlags;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.jspecify.annotations.Nullable;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses where a brain goes by its stored size (inline up to {@code aicon.blob.inline-max-bytes}, else GCS for
 * the AIcons inside the GCS-offload rollout, else the local blob directory) and reads it back from where it went.
 * While GCS is unavailable, large brains wait in the pending-upload spool, which also serves their reads until
 * {@link #uploadPending()} has sent them.
 */
public class BrainStorage {

    private final BlobStore inline;
    private final BlobStore local;
    private final @Nullable GcsBlobStore gcs;
    private final LocalBlobStore pending;
    private final long inlineMaxBytes;
    private final FeatureFlags flags;
    private final BrainWorkers workers;

    /** {@code gcs} is null when offload is off for every AIcon. */
    public BrainStorage(
            BlobStore inline,
            BlobStore local,
            @Nullable GcsBlobStore gcs,
            LocalBlobStore pending,
            long inlineMaxBytes,
            FeatureFlags flags,
            BrainWorkers workers) {
        this.inline = inline;
        this.local = local;
        this.gcs = gcs;
        this.pending = pending;
        this.inlineMaxBytes = inlineMaxBytes;
        this.flags = flags;
        this.workers = workers;
    }

    /** Stores {@code file} (of {@code storedSize} bytes) as {@code object} of AIcon {@code id}; the item is where. */
    public Uni<BrainMeta.Location> put(String id, String object, Path file, long storedSize) {
        BlobStore target = storedSize <= inlineMaxBytes
                ? inline
                : gcs != null && flags.isOnFor(FeatureFlags.Feature.gcsOffload, id) ? gcs : local;
        Uni<Void> stored = target.put(object, file);
        if (target instanceof GcsBlobStore) {
            stored = stored.onFailure(e -> !(e instanceof BlobStore.BlobMissing))
                    .recoverWithUni(outage -> {
                        Log.warnf("GCS unavailable (%s): brain object %s waits in the upload spool", outage, object);
                        return pending.put(object, file);
                    });
        }
        return stored.replaceWith(target.location());
    }

    /** The stored bytes of {@code meta}; fails with {@link BrainUnavailable} when GCS is down and no copy is here. */
    public Uni<InputStream> open(BrainMeta meta) {
        return localFile(meta)
                .chain(local -> local.isPresent()
                        ? workers.run(() -> Files.newInputStream(local.get()))
                        : storeOf(meta)
                                .open(meta.object())
                                .onFailure(e -> meta.location() == BrainMeta.Location.gcs
                                        && !(e instanceof BlobStore.BlobMissing || e instanceof BrainUnavailable))
                                .transform(e -> new BrainUnavailable(meta, e)));
    }

    /** The file holding {@code meta}'s stored bytes on this machine, if there is one. */
    public Uni<Optional<Path>> localFile(BrainMeta meta) {
        if (meta.location() == BrainMeta.Location.gcs) {
            return workers.run(() ->
                    pending.holds(meta.object()) ? Optional.of(pending.pathOf(meta.object())) : Optional.<Path>empty());
        }
        BlobStore store = storeOf(meta);
        return Uni.createFrom()
                .item(
                        store instanceof LocalBlobStore local
                                ? Optional.of(local.pathOf(meta.object()))
                                : Optional.empty());
    }

    public Uni<Void> delete(BrainMeta meta) {
        return storeOf(meta).delete(meta.object());
    }

    /** Sends spooled uploads to GCS, oldest first; stops at the first failure and tries again next time. */
    public Uni<Integer> uploadPending() {
        if (gcs == null) {
            return Uni.createFrom().item(0);
        }
        return pending.list().chain(waiting -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (BlobStore.StoredObject object : waiting) {
                chain = chain.chain(done -> gcs.put(object.name(), pending.pathOf(object.name()))
                        .chain(() -> pending.delete(object.name()))
                        .replaceWith(done + 1));
            }
            return chain;
        });
    }

    public Uni<Integer> pendingUploads() {
        return pending.list().map(List::size);
    }

    /** For health details: where brains above the inline threshold go ({@code gcs} or {@code local}). */
    public String largeTier() {
        return gcs != null ? "gcs" : "local";
    }

    /** For health details: the GCS breaker's state, or {@code OFF} when offload is off. */
    public String gcsBreakerState() {
        return gcs != null ? gcs.breakerState() : "OFF";
    }

    /** The stores the orphan cleanup looks through. */
    public List<BlobStore> stores() {
        List<BlobStore> stores = new ArrayList<>(List.of(inline, local));
        if (gcs != null) {
            stores.add(gcs);
        }
        return stores;
    }

    private BlobStore storeOf(BrainMeta meta) {
        return switch (meta.location()) {
            case inline -> inline;
            case local -> local;
            case gcs -> gcs != null ? gcs : unavailableGcs(meta);
        };
    }

    private static BlobStore unavailableGcs(BrainMeta meta) {
        throw new BrainUnavailable(meta, new IllegalStateException("GCS offload is off on this gateway"));
    }
}
