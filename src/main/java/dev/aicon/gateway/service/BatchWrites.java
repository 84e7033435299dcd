package dev.aicon.gateway.service;

import dev.aicon.gateway.cache.AIconCache;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.Current;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.StoreWrite;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Many AIcons through one store read ({@code getAll}) and one all-or-nothing store write ({@code writeAll}), for
 * the bulk endpoints. Bulk operations go to the store only, never to the journal: while the store is unavailable
 * they fail with {@link ServiceException#batchUnavailable}. An accepted bulk write refreshes the cache and this
 * gateway's copies of every AIcon it wrote before it is acknowledged, as a single write does.
 */
@ApplicationScoped
public class BatchWrites {

    private static final int CACHE_CONCURRENCY = 16;

    private final GuardedStore store;
    private final AIconReads reads;
    private final AIconCache cache;
    private final LastKnownCopies lastKnown;
    private final DegradedMode degraded;
    private final DocumentCap cap;

    BatchWrites(
            GuardedStore store,
            AIconReads reads,
            AIconCache cache,
            LastKnownCopies lastKnown,
            DegradedMode degraded,
            DocumentCap cap) {
        this.store = store;
        this.reads = reads;
        this.cache = cache;
        this.lastKnown = lastKnown;
        this.degraded = degraded;
        this.cap = cap;
    }

    /** Whether the AIcon has journaled writes not replayed yet: the store does not hold its latest state. */
    boolean journaled(TenantId tenant, String id) {
        return degraded.isPending(tenant, id);
    }

    /**
     * The state journaled for {@code id}, read from the journal on disk unless cached; empty when it has none (or
     * it was replayed meanwhile).
     */
    Uni<Optional<PendingWrites.State>> journaledState(TenantId tenant, String id) {
        return degraded.pendingState(tenant, id);
    }

    /** The stored AIcons among {@code ids}, by id, in one store round trip. */
    Uni<Map<String, AIcon>> current(TenantId tenant, List<String> ids) {
        return store.getAll(tenant, ids).onFailure(OutageClassifier::isOutage).transform(BatchWrites::unavailable);
    }

    /** What the write of each of {@code ids} builds on (its AIcon or its tombstone), in one store round trip. */
    Uni<Map<String, Current>> currentForWrite(TenantId tenant, List<String> ids) {
        return store.currentAll(tenant, ids)
                .onFailure(OutageClassifier::isOutage)
                .transform(BatchWrites::unavailable);
    }

    /** The answer to a bulk read the store could not serve. */
    static ServiceException unavailable(Throwable outage) {
        return ServiceException.batchUnavailable(
                "the store is unavailable (" + outage.getClass().getSimpleName() + ")");
    }

    /**
     * Writes each of {@code contents} (validated client content, one per id) as the version after the one
     * {@code current} holds (for a create, after its id's tombstone), all or none. Fails with a
     * {@link dev.aicon.gateway.store.VersionConflict} when another writer got in between, and with
     * {@link OversizedItems} when any would be over the document cap: then nothing was written.
     */
    Uni<List<WriteResult>> writeAll(TenantId tenant, List<AIcon> contents, Map<String, Current> current) {
        String now = Timestamps.now();
        List<StoreWrite> batch = contents.stream()
                .map(content -> {
                    Current base = Objects.requireNonNull(current.get(content.id()));
                    Optional<AIcon> existing = base.aicon();
                    long expected = existing.map(AIcon::version).orElse(0L);
                    return new StoreWrite(
                            tenant,
                            ServerFields.apply(content, existing).stamped(base.nextVersion(), now),
                            expected,
                            new StoreWrite.Replace());
                })
                .toList();
        Optional<OversizedItems> oversized = oversized(batch);
        if (oversized.isPresent()) {
            return Uni.createFrom().failure(oversized.get());
        }
        return store.writeAll(batch)
                .onFailure(OutageClassifier::isOutage)
                .transform(e -> ServiceException.batchUnavailable("the store did not complete the batch write ("
                        + e.getClass().getSimpleName()
                        + "); it may or may not have been applied, read the AIcons before retrying"))
                .call(stored -> Multi.createFrom()
                        .iterable(stored)
                        .onItem()
                        .transformToUni(aicon -> cache.refresh(tenant, aicon))
                        .merge(CACHE_CONCURRENCY)
                        .onItem()
                        .ignoreAsUni())
                .map(stored -> {
                    List<WriteResult> written = new ArrayList<>(stored.size());
                    for (int i = 0; i < stored.size(); i++) {
                        AIcon aicon = stored.get(i);
                        lastKnown.remember(tenant, aicon);
                        reads.written(tenant, aicon.id());
                        written.add(new WriteResult(aicon, batch.get(i).creates(), false));
                    }
                    return written;
                });
    }

    private Optional<OversizedItems> oversized(List<StoreWrite> batch) {
        Map<String, ServiceException> over = new HashMap<>();
        for (StoreWrite write : batch) {
            try {
                cap.require(write.next());
            } catch (ServiceException e) {
                over.put(write.next().id(), e);
            }
        }
        return over.isEmpty() ? Optional.empty() : Optional.of(new OversizedItems(over));
    }

    /** Items of a bulk write that would be over the document cap, by id; nothing of the bulk write was stored. */
    static final class OversizedItems extends RuntimeException {
        private final Map<String, ServiceException> byId;

        OversizedItems(Map<String, ServiceException> byId) {
            super(byId.size() + " item(s) would be larger than aicon.document.max-bytes", null, false, false);
            this.byId = byId;
        }

        /** The 413 of the item with that id, or null when it is within the cap. */
        @Nullable
        ServiceException of(@Nullable String id) {
            return byId.get(id);
        }
    }
}
