package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one contract every backend keeps. Writes are conditional on the version the caller read: a write whose
 * expected version is not the stored one fails with {@link VersionConflict} and changes nothing. Every accepted
 * write records, atomically with it, the version it produced (unless history is off) and one outbox event.
 * <p>
 * Versions continue across a delete and a re-create, so an id never has the same version twice: deleting an AIcon
 * at version N consumes N+1 and leaves a tombstone of N+1, and the next create of the id must be version N+2
 * (see {@link #currentAll}); the create removes the tombstone.
 * <p>
 * Every AIcon, version, tombstone and outbox event belongs to one tenant, and ids are unique per tenant only: the
 * same id in two tenants is two AIcons. Every call that reaches an AIcon names its tenant, and sees nothing of
 * another tenant's AIcons. Only maintenance ({@link #pruneHistory}, {@link #pruneEvents}, {@link #eventRange},
 * {@link #corruptDocuments}) works across tenants, each item with the tenant stored with it.
 */
public interface AIconStore {

    /** The AIcon, or empty when none has that id. May fail with {@link CorruptDocument}. */
    Uni<Optional<AIcon>> get(TenantId tenant, String id);

    /** The AIcons found among {@code ids}, by id; missing ones are absent. One round trip where the backend can. */
    Uni<Map<String, AIcon>> getAll(TenantId tenant, List<String> ids);

    /**
     * What the next write of each of {@code ids} builds on, in one round trip: every id is in the map, with its
     * stored AIcon or its tombstone. May fail with {@link CorruptDocument}.
     */
    Uni<Map<String, Current>> currentAll(TenantId tenant, List<String> ids);

    /** {@link #currentAll} of one id. */
    default Uni<Current> current(TenantId tenant, String id) {
        return currentAll(tenant, List.of(id)).map(found -> found.get(id));
    }

    /**
     * Applies {@code write} atomically; the stored AIcon is {@code write.next()}. A create ({@link StoreWrite#creates})
     * must be stamped with the version after the id's tombstone ({@link Current#nextVersion()}).
     */
    Uni<AIcon> write(StoreWrite write);

    /**
     * Applies every write or none: the first {@link VersionConflict} undoes the others. The writes are all of one
     * tenant.
     */
    Uni<List<AIcon>> writeAll(List<StoreWrite> writes);

    /**
     * Removes the AIcon and its history if it is still at {@code expectedVersion}, and leaves the tombstone
     * {@code expectedVersion + 1}.
     */
    Uni<Void> delete(TenantId tenant, String id, long expectedVersion);

    /**
     * Removes an AIcon whose stored document is damaged ({@link CorruptDocument}), whatever its version, with its
     * history; false when the backend holds no damaged document under {@code id}.
     */
    default Uni<Boolean> discardCorrupt(TenantId tenant, String id) {
        return Uni.createFrom().item(false);
    }

    /** The AIcons of every tenant this backend knows to be stored damaged, by tenant and id. */
    default Uni<List<CorruptMark>> corruptDocuments() {
        return Uni.createFrom().item(List.of());
    }

    /** Summaries of the query's tenant in id order after {@code query.afterId()}, filtered; at most {@code query.limit()}. */
    Uni<Page> list(ListQuery query);

    /** Recorded versions of the AIcon older than {@code beforeVersion}, newest first; at most {@code limit}. */
    Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit);

    /** The AIcon as it was at {@code version}, when that version is recorded. */
    Uni<Optional<AIcon>> version(TenantId tenant, String id, long version);

    /** Removes recorded versions the retention does not keep, in every tenant; the number removed. */
    Uni<Long> pruneHistory(HistoryRetention retention);

    /** Outbox events matching {@code query} (of its tenant only, unless it asks for every tenant), in id order. */
    Uni<List<ChangeEvent>> events(EventQuery query);

    /** The newest event id (0 when there is none) and the oldest kept (0 when there is none); ids span tenants. */
    Uni<EventRange> eventRange();

    /** Removes outbox events written before {@code keepAfter}, always keeping the newest; the number removed. */
    Uni<Long> pruneEvents(Instant keepAfter);

    /**
     * A signal each time new outbox events may exist, from any gateway sharing this store. Event ids are assigned
     * in order but, where {@link #eventsCommitInIdOrder()} is false, a lower id may become visible after a higher.
     */
    Multi<Long> eventSignals();

    boolean eventsCommitInIdOrder();

    /** Succeeds when the backend can serve requests. */
    Uni<Void> ping();

    /** The backend's name as configured: file, postgres or memory. */
    String backend();

    /** The ids the outbox holds, oldest and newest kept. */
    record EventRange(long oldest, long newest) {}
}
