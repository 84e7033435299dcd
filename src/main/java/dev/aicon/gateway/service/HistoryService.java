package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionPage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Recorded versions of an AIcon and rollback. History is read from the store only: while it is unavailable the
 * answer is 503. A restore is an ordinary write (the next version, kind {@code updated}) through the one
 * read-check-write cycle, so it honours {@code If-Match} and loses no concurrent update.
 */
@ApplicationScoped
public class HistoryService {

    private final GuardedStore store;
    private final AIconReads reads;
    private final ConditionalWrites writes;

    HistoryService(GuardedStore store, AIconReads reads, ConditionalWrites writes) {
        this.store = store;
        this.reads = reads;
        this.writes = writes;
    }

    /** Versions older than {@code beforeVersion}, newest first; 404 when the AIcon does not exist. */
    public Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit) {
        return store.versions(tenant, id, beforeVersion, limit)
                .onFailure(OutageClassifier::isOutage)
                .transform(e -> ServiceException.storeUnavailable(id, e))
                .call(page -> page.versions().isEmpty()
                        ? reads.get(tenant, id).invoke(read -> ConditionalWrites.existing(read, id))
                        : Uni.createFrom().nullItem());
    }

    public Uni<AIcon> version(TenantId tenant, String id, long version) {
        return store.version(tenant, id, version)
                .onFailure(OutageClassifier::isOutage)
                .transform(e -> ServiceException.storeUnavailable(id, e))
                .map(found -> found.orElseThrow(() -> ServiceException.versionNotFound(id, version)));
    }

    /**
     * Writes the content of {@code version} as the next version. The brain is not part of a version's content: the
     * AIcon keeps its current brain, since an older brain's object may already have been cleaned up. The AIcon is
     * read first, so a missing or damaged one answers for itself before its history is looked at.
     */
    public Uni<WriteResult> restore(TenantId tenant, String id, long version, Preconditions preconditions) {
        return writes.onExisting(
                tenant,
                id,
                preconditions,
                read -> version(tenant, id, version).chain(recorded -> {
                    AIcon current = ConditionalWrites.existing(read, id);
                    return writes.save(
                            tenant, read, ServerFields.apply(recorded, Optional.of(current)), new StoreWrite.Replace());
                }));
    }
}
