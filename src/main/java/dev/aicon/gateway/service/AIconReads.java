package dev.aicon.gateway.service;

import dev.aicon.gateway.cache.AIconCache;
import dev.aicon.gateway.cache.CacheLookup;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.GuardedStore;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read path: journaled writes not yet in the store first, then the cache, then the store, and while the store
 * is unavailable the last copy this gateway saw. Concurrent cache misses on one id share one store read. A stored
 * document found damaged makes this gateway forget its copy, so no write builds on it.
 */
@ApplicationScoped
public class AIconReads {

    private final GuardedStore store;
    private final AIconCache cache;
    private final DegradedMode degraded;
    private final LastKnownCopies lastKnown;
    private final Map<AIconKey, CompletableFuture<ReadResult>> inFlight = new ConcurrentHashMap<>();

    AIconReads(GuardedStore store, AIconCache cache, DegradedMode degraded, LastKnownCopies lastKnown) {
        this.store = store;
        this.cache = cache;
        this.degraded = degraded;
        this.lastKnown = lastKnown;
    }

    /** What a client reads. */
    public Uni<ReadResult> get(TenantId tenant, String id) {
        return journaled(tenant, id)
                .chain(journaled -> journaled.isPresent()
                        ? Uni.createFrom().item(journaled.get())
                        : readOnce(tenant, id)
                                .onFailure(CorruptDocument.class)
                                .invoke(() -> lastKnown.forget(tenant, id))
                                .onFailure(OutageClassifier::isOutage)
                                .recoverWithUni(e -> Uni.createFrom().item(() -> fromMemory(tenant, id, e))));
    }

    /**
     * The cached JSON of the whole document, for the plain document GET; empty whenever the full read path must
     * answer instead (journaled writes pending, store not available so the answer must be marked, cache miss).
     */
    public Uni<Optional<AIconCache.RawDocument>> cachedDocument(TenantId tenant, String id) {
        if (degraded.isPending(tenant, id) || !storeAvailable()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cache.getRaw(tenant, id);
    }

    /**
     * Cache, then store on a miss; concurrent reads of one id share this whole lookup, so a miss costs one read.
     * The lookup completes a future the readers wait on ({@code memoize()} is not used: in Mutiny 3.1 it can hand
     * its item to a late subscriber before that subscriber's {@code onSubscribe}, which a following
     * {@code chain} then takes for its own upstream item). Each reader waits on its own copy of the future, so a
     * reader that goes away (its client disconnected) cancels only its copy, never the shared lookup.
     */
    private Uni<ReadResult> readOnce(TenantId tenant, String id) {
        AIconKey key = AIconKey.of(tenant, id);
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<ReadResult> lookup = new CompletableFuture<>();
            CompletableFuture<ReadResult> shared = inFlight.putIfAbsent(key, lookup);
            if (shared == null) {
                shared = lookup;
                cache.get(tenant, id)
                        .chain(cached -> fromCacheOrStore(tenant, id, cached))
                        .subscribe()
                        .with(
                                read -> {
                                    inFlight.remove(key, lookup);
                                    lookup.complete(read);
                                },
                                failure -> {
                                    inFlight.remove(key, lookup);
                                    lookup.completeExceptionally(failure);
                                });
            }
            CompletableFuture<ReadResult> joined = shared;
            return Uni.createFrom().completionStage(joined::copy);
        });
    }

    private Uni<ReadResult> fromCacheOrStore(TenantId tenant, String id, CacheLookup cached) {
        DegradedSource source = storeAvailable() ? null : DegradedSource.CACHE;
        if (cached instanceof CacheLookup.Hit hit) {
            return Uni.createFrom().item(new ReadResult(Optional.of(hit.aicon()), source));
        }
        if (cached instanceof CacheLookup.Deleted) {
            return Uni.createFrom().item(new ReadResult(Optional.empty(), source));
        }
        CacheLookup.Miss miss = (CacheLookup.Miss) cached;
        return store.get(tenant, id)
                .call(found -> found.map(aicon -> {
                            lastKnown.remember(tenant, aicon);
                            return cache.fill(tenant, aicon, miss);
                        })
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .map(ReadResult::normal);
    }

    /**
     * What a write builds on: the journaled state; else, when {@code copyAllowed}, the copy this gateway last read
     * or wrote (no round trip: the conditional store write catches a stale one, and the write runs again on a
     * fresh read); else a fresh store read (never the cache), which for a deleted id brings its tombstone; else,
     * while the store is unavailable, the cache or the last copy seen (an id this gateway knows no AIcon of then
     * gets 503: a create cannot be stamped without the store's tombstone).
     */
    public Uni<ReadResult> forWrite(TenantId tenant, String id, boolean copyAllowed) {
        return journaled(tenant, id)
                .chain(journaled -> journaled.isPresent()
                        ? Uni.createFrom().item(journaled.get())
                        : notJournaledForWrite(tenant, id, copyAllowed));
    }

    private Uni<ReadResult> notJournaledForWrite(TenantId tenant, String id, boolean copyAllowed) {
        if (copyAllowed && storeAvailable()) {
            Optional<AIcon> copy = lastKnown.get(tenant, id);
            if (copy.isPresent()) {
                return Uni.createFrom().item(ReadResult.copy(copy.get()));
            }
        }
        return store.current(tenant, id)
                .map(ReadResult::of)
                .onFailure(CorruptDocument.class)
                .invoke(() -> lastKnown.forget(tenant, id))
                .onFailure(OutageClassifier::isOutage)
                .recoverWithUni(e -> cache.get(tenant, id).map(lookup -> {
                    if (lookup instanceof CacheLookup.Hit hit) {
                        return new ReadResult(Optional.of(hit.aicon()), DegradedSource.CACHE);
                    }
                    return fromMemory(tenant, id, e);
                }));
    }

    /**
     * Called once a write is accepted, before it is acknowledged: reads that start from now on must not join a
     * lookup that began before the write and may return the older version.
     */
    public void written(TenantId tenant, String id) {
        inFlight.remove(AIconKey.of(tenant, id));
    }

    public boolean storeAvailable() {
        return store.guard().state() == CircuitBreakerState.CLOSED;
    }

    /** The journaled state of {@code id}, read from the journal on disk (on a worker) unless it is cached. */
    private Uni<Optional<ReadResult>> journaled(TenantId tenant, String id) {
        return degraded.pendingState(tenant, id)
                .map(state -> state.map(journaled ->
                        new ReadResult(journaled.aicon(), DegradedSource.JOURNAL, false, journaled.tombstone())));
    }

    private ReadResult fromMemory(TenantId tenant, String id, Throwable outage) {
        return lastKnown
                .get(tenant, id)
                .map(copy -> new ReadResult(Optional.of(copy), DegradedSource.MEMORY))
                .orElseThrow(() -> ServiceException.storeUnavailable(id, outage));
    }
}
