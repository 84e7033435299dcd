package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;
import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * The one contract every backend keeps. Writes are conditional on the version the caller read: a write whose
 * expected version is not the stored one fails with {@link VersionConflict} and changes nothing.
 */
public interface AIconStore {

    /** The AIcon, or empty when none has that id. May fail with {@link CorruptDocument}. */
    Uni<Optional<AIcon>> get(String id);

    /** Applies {@code write} atomically; the stored AIcon is {@code write.next()}. */
    Uni<AIcon> write(StoreWrite write);

    /** Removes the AIcon if it is still at {@code expectedVersion}. */
    Uni<Void> delete(String id, long expectedVersion);

    /** Summaries in id order after {@code query.afterId()}, filtered; at most {@code query.limit()} of them. */
    Uni<Page> list(ListQuery query);

    /** Succeeds when the backend can serve requests. */
    Uni<Void> ping();

    /** The backend's name as configured: file, postgres or memory. */
    String backend();
}
