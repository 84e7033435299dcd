package dev.aicon.gateway.cache;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * The read-through cache in front of the store. It never fails a request: a cache that cannot answer reports a
 * miss, and a write it cannot record is logged and never leaves an older version readable (see
 * {@link MissedInvalidations}). Entries only move forward in version, so a late writer or reader
 * can never put back a version older than one a write has acknowledged.
 */
public interface AIconCache {

    // Every entry is an AIcon of one tenant: the tenant is part of every call and of every key.

    Uni<CacheLookup> get(TenantId tenant, String id);

    /**
     * The cached document exactly as a whole-document GET answers it, without parsing it; empty on a miss, a
     * delete marker, or when the tier is off. Lets the hottest read skip JSON work entirely.
     */
    default Uni<Optional<RawDocument>> getRaw(TenantId tenant, String id) {
        return Uni.createFrom().item(Optional.empty());
    }

    /** A cached document's version and its JSON text. */
    record RawDocument(long version, String json) {}

    /**
     * Caches what a store read returned, unless the cache already holds something for the id; {@code after} is the
     * miss that led to the store read.
     */
    Uni<Void> fill(TenantId tenant, AIcon aicon, CacheLookup.Miss after);

    /** Caches the result of an accepted write, replacing any older version. */
    Uni<Void> refresh(TenantId tenant, AIcon aicon);

    /** Records that the AIcon at {@code lastVersion} was deleted. */
    Uni<Void> deleted(TenantId tenant, String id, long lastVersion);

    /** Drops whatever is cached for the id (writes journaled while the store is down are not cached). */
    Uni<Void> evict(TenantId tenant, String id);

    /**
     * Confirms the invalidations that did not reach Redis when their write was accepted, if Redis answers now;
     * called on a schedule.
     */
    default Uni<Void> confirmMissedInvalidations() {
        return Uni.createFrom().voidItem();
    }

    /** For health details: {@code UP}, {@code DOWN} (Redis does not answer a PING) or {@code OFF}. */
    Uni<String> status();

    /** For health details: the cache breaker's state, or {@code OFF}. */
    String breakerState();
}
