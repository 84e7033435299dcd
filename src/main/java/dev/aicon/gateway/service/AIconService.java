package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.cache.AIconCache;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.MergePatch;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.CorruptMark;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Whole-document use cases: read, list, create, replace, merge-patch, delete. */
@ApplicationScoped
public class AIconService {

    private final GuardedStore store;
    private final AIconReads reads;
    private final ConditionalWrites writes;

    AIconService(GuardedStore store, AIconReads reads, ConditionalWrites writes) {
        this.store = store;
        this.reads = reads;
        this.writes = writes;
    }

    public Uni<ReadResult> get(TenantId tenant, String id) {
        return reads.get(tenant, id);
    }

    /** The whole document as cached JSON when the cache can answer alone; see {@link AIconReads#cachedDocument}. */
    public Uni<Optional<AIconCache.RawDocument>> cachedDocument(TenantId tenant, String id) {
        return reads.cachedDocument(tenant, id);
    }

    /** Lists come from the store only, of the query's tenant; while it is unavailable the answer is 503. */
    public Uni<Page> list(ListQuery query) {
        return store.list(query)
                .onFailure(OutageClassifier::isOutage)
                .transform(e -> ServiceException.storeUnavailable(null, e));
    }

    /** Creates an AIcon under a server-chosen UUID. */
    public Uni<WriteResult> create(TenantId tenant, ObjectNode document) {
        String id = UUID.randomUUID().toString();
        if (document.hasNonNull("id")) {
            throw ServiceException.documentRejected(
                    id,
                    List.of(new Violation(
                            "id",
                            "is chosen by the server on POST; use PUT /v1/aicons/{id} to store under your own id")));
        }
        writes.validate(id, document);
        AIcon content = ServerFields.apply(AIcon.fromDocument(id, document), Optional.empty());
        return writes.save(tenant, ReadResult.normal(Optional.empty()), content, new StoreWrite.Replace())
                .map(written -> written.asCreated(true));
    }

    /** Creates or replaces the whole document. */
    public Uni<WriteResult> put(TenantId tenant, String id, ObjectNode document, Preconditions preconditions) {
        writes.validate(id, document);
        AIcon content = AIcon.fromDocument(id, document);
        return writes.onCurrent(
                tenant,
                id,
                preconditions,
                current -> writes.save(
                                tenant, current, ServerFields.apply(content, current.aicon()), new StoreWrite.Replace())
                        .map(written -> written.asCreated(current.aicon().isEmpty())));
    }

    /** Applies an RFC 7396 merge patch to the current document. */
    public Uni<WriteResult> patch(TenantId tenant, String id, JsonNode patch, Preconditions preconditions) {
        return writes.onExisting(tenant, id, preconditions, read -> {
            AIcon current = ConditionalWrites.existing(read, id);
            JsonNode merged = MergePatch.apply(current.toDocument(), patch);
            if (!(merged instanceof ObjectNode document)) {
                throw ServiceException.documentRejected(
                        id, List.of(new Violation("", "a merge patch must be a JSON object")));
            }
            writes.validate(id, document);
            AIcon content = ServerFields.apply(AIcon.fromDocument(id, document), Optional.of(current));
            StoreWrite.Change change = content.factors().equals(current.factors())
                    ? new StoreWrite.Attributes()
                    : new StoreWrite.Replace();
            return writes.save(tenant, read, content, change);
        });
    }

    /**
     * Deletes the AIcon; the item says whether the delete was journaled (the store being unavailable). An AIcon
     * whose stored document is damaged has no version to check, so only a delete without preconditions removes it.
     */
    public Uni<Boolean> delete(TenantId tenant, String id, Preconditions preconditions) {
        return writes.onExisting(tenant, id, preconditions, current -> writes.delete(tenant, current, id))
                .onFailure(CorruptDocument.class)
                .recoverWithUni(corrupt -> Preconditions.NONE.equals(preconditions)
                        ? writes.discardCorrupt(tenant, id)
                        : Uni.createFrom().failure(corrupt));
    }

    /**
     * The AIcons of every tenant whose stored document was found damaged (an operator's listing); while the store
     * is unavailable the answer is 503.
     */
    public Uni<List<CorruptMark>> corruptDocuments() {
        return store.corruptDocuments()
                .onFailure(OutageClassifier::isOutage)
                .transform(e -> ServiceException.storeUnavailable(null, e));
    }
}
