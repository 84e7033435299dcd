package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.cache.AIconCache;
import dev.aicon.gateway.config.ApiConfig;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconValidator;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.Violations;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The one read-check-write cycle every mutation goes through: read the current AIcon, check the client's
 * preconditions, build and validate the next version, and write it conditionally on the version read. When another
 * writer got in between, the whole cycle runs again on the new version; a client that sent {@code If-Match} then
 * gets 412, one that did not has its change applied on top, so no accepted update is ever lost.
 * <p>
 * The first attempt builds on this gateway's own last copy of the AIcon when it has one, so a save costs one
 * store round trip; a stale copy fails the conditional write (or a precondition) and the cycle runs again on a
 * fresh store read, so a 412 is only ever answered on the store's word. A write goes to the store, or into the
 * journal when the store is unavailable or the AIcon still has journaled writes waiting for replay. An accepted
 * store write refreshes the cache before it is acknowledged.
 */
@ApplicationScoped
public class ConditionalWrites {

    private final GuardedStore store;
    private final AIconReads reads;
    private final AIconCache cache;
    private final DegradedMode degraded;
    private final LastKnownCopies lastKnown;
    private final ApiConfig api;
    private final AIconValidator validator;
    private final DocumentCap cap;

    ConditionalWrites(
            GuardedStore store,
            AIconReads reads,
            AIconCache cache,
            DegradedMode degraded,
            LastKnownCopies lastKnown,
            ApiConfig api,
            DocumentConfig documents,
            DocumentCap cap) {
        this.store = store;
        this.reads = reads;
        this.cache = cache;
        this.degraded = degraded;
        this.lastKnown = lastKnown;
        this.api = api;
        this.validator = new AIconValidator(documents.maxFactors());
        this.cap = cap;
    }

    public <T> Uni<T> onCurrent(
            TenantId tenant, String id, Preconditions preconditions, Function<ReadResult, Uni<T>> action) {
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        return Uni.createFrom()
                .deferred(() -> reads.forWrite(tenant, id, firstAttempt.getAndSet(false))
                        .chain(current -> {
                            if (!preconditions.allowWriteOn(current.aicon())) {
                                if (current.fromCopy()) {
                                    lastKnown.forget(tenant, id);
                                    throw new VersionConflict(id, current.version());
                                }
                                throw ServiceException.preconditionFailed(
                                        id,
                                        current.aicon()
                                                .map(c -> Long.toString(c.version()))
                                                .orElse("none"));
                            }
                            return action.apply(current)
                                    .onFailure(VersionConflict.class)
                                    .invoke(() -> lastKnown.forget(tenant, id));
                        }))
                .onFailure(VersionConflict.class)
                .retry()
                .withBackOff(api.writeBackoff(), api.writeBackoffMax())
                .withJitter(0.5)
                .atMost(api.writeAttempts() - 1L)
                .onFailure(VersionConflict.class)
                .transform(e -> ServiceException.concurrentModification(id));
    }

    public <T> Uni<T> onExisting(
            TenantId tenant, String id, Preconditions preconditions, Function<ReadResult, Uni<T>> action) {
        return onCurrent(tenant, id, preconditions, current -> {
            existing(current, id);
            return action.apply(current);
        });
    }

    public static AIcon existing(ReadResult current, String id) {
        return current.aicon().orElseThrow(() -> ServiceException.aiconNotFound(id));
    }

    /**
     * Writes already validated {@code content} as the version after {@code current}; a create continues its id's
     * versions after the tombstone the read found ({@link ReadResult#nextVersion()}), also when it is journaled.
     * Refused
     * with 413 when the resulting document would be over {@code aicon.document.max-bytes}.
     */
    public Uni<WriteResult> save(TenantId tenant, ReadResult current, AIcon content, StoreWrite.Change change) {
        long expected = current.version();
        StoreWrite write =
                new StoreWrite(tenant, content.stamped(current.nextVersion(), Timestamps.now()), expected, change);
        cap.require(write.next());
        Uni<WriteResult> saved;
        if (mustJournal(tenant, current, content.id())) {
            saved = journal(tenant, content.id(), expected, seq -> JournalEntry.ofWrite(seq, write))
                    .replaceWith(new WriteResult(write.next(), false, true));
        } else {
            saved = store.write(write)
                    .call(stored -> cache.refresh(tenant, stored))
                    .invoke(stored -> lastKnown.remember(tenant, stored))
                    .map(stored -> new WriteResult(stored, false, false))
                    .onFailure(OutageClassifier::isOutage)
                    .recoverWithUni(
                            outage -> journal(tenant, content.id(), expected, seq -> JournalEntry.ofWrite(seq, write))
                                    .replaceWith(new WriteResult(write.next(), false, true)));
        }
        return saved.invoke(() -> reads.written(tenant, content.id()));
    }

    /** Deletes the AIcon {@code current} holds; true when the delete was journaled. */
    public Uni<Boolean> delete(TenantId tenant, ReadResult current, String id) {
        long expected = current.version();
        LongFunction<JournalEntry> entry = seq -> JournalEntry.ofDelete(seq, tenant, id, expected);
        Uni<Boolean> deleted;
        if (mustJournal(tenant, current, id)) {
            deleted = journal(tenant, id, expected, entry).replaceWith(true);
        } else {
            deleted = store.delete(tenant, id, expected)
                    .call(() -> cache.deleted(tenant, id, expected))
                    .invoke(() -> lastKnown.forget(tenant, id))
                    .replaceWith(false)
                    .onFailure(OutageClassifier::isOutage)
                    .recoverWithUni(
                            outage -> journal(tenant, id, expected, entry).replaceWith(true));
        }
        return deleted.invoke(() -> reads.written(tenant, id));
    }

    /**
     * Removes an AIcon whose stored document is damaged, straight from the store (never journaled: the journal
     * replays only conditional writes); false, as {@link #delete}, since it was not journaled.
     */
    public Uni<Boolean> discardCorrupt(TenantId tenant, String id) {
        return store.discardCorrupt(tenant, id)
                .onFailure(OutageClassifier::isOutage)
                .transform(e -> ServiceException.storeUnavailable(id, e))
                .call(() -> cache.evict(tenant, id))
                .map(discarded -> {
                    if (!discarded) {
                        throw ServiceException.aiconNotFound(id);
                    }
                    lastKnown.forget(tenant, id);
                    reads.written(tenant, id);
                    return false;
                });
    }

    private boolean mustJournal(TenantId tenant, ReadResult current, String id) {
        return current.degraded() || degraded.isPending(tenant, id);
    }

    private Uni<JournalEntry> journal(TenantId tenant, String id, long expected, LongFunction<JournalEntry> entry) {
        return degraded.accept(tenant, id, expected, entry)
                .call(() -> cache.evict(tenant, id))
                .invoke(accepted ->
                        Log.debugf("AIcon %s: write journaled as entry %d (store unavailable)", id, accepted.seq()));
    }

    /** Rejects the whole document with every violation it has; run before a document is split into parts. */
    public void validate(String id, ObjectNode document) {
        Violations violations = validator.check(id, document);
        if (!violations.isEmpty()) {
            throw ServiceException.documentRejected(id, violations.list(), violations.total());
        }
    }
}
