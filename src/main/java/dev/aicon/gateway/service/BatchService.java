package dev.aicon.gateway.service;

import dev.aicon.gateway.config.BatchConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Violation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bulk load and save. A batchGet is one store round trip ({@code getAll}) for every id it names. A batchPut writes
 * each item through the normal write path, one after the other, or, when atomic, all of them or none
 * ({@link AtomicBatch}).
 */
@ApplicationScoped
public class BatchService {

    private final AIconService aicons;
    private final AtomicBatch atomic;
    private final BatchWrites writes;
    private final int maxItems;

    BatchService(AIconService aicons, AtomicBatch atomic, BatchWrites writes, BatchConfig config) {
        this.aicons = aicons;
        this.atomic = atomic;
        this.writes = writes;
        this.maxItems = config.maxItems();
    }

    /**
     * The AIcons with the given ids (repeated ids count once). Writes still in the journal answer for their AIcons
     * (they are newer than the store); every other id is read in one store call, and while the store is unavailable
     * the answer is a 503: batches are not served from this gateway's copies.
     */
    public Uni<BatchRead> get(TenantId tenant, List<String> ids) {
        requireSize(ids.size());
        List<Violation> bad = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!Identifiers.isValid(ids.get(i))) {
                bad.add(new Violation("ids[" + i + "]", "'" + ids.get(i) + "': " + Identifiers.aiconIdRule()));
            }
        }
        if (!bad.isEmpty()) {
            throw ServiceException.batchRejected(bad);
        }
        List<String> unique = ids.stream().distinct().toList();
        return Multi.createFrom()
                .iterable(unique.stream()
                        .filter(id -> writes.journaled(tenant, id))
                        .toList())
                .onItem()
                .transformToUniAndConcatenate(
                        id -> writes.journaledState(tenant, id).map(state -> Map.entry(id, state)))
                .collect()
                .asList()
                .chain(states -> {
                    Map<String, Optional<AIcon>> journaled = new LinkedHashMap<>();
                    states.forEach(state -> state.getValue().ifPresent(s -> journaled.put(state.getKey(), s.aicon())));
                    return get(tenant, unique, journaled);
                });
    }

    private Uni<BatchRead> get(TenantId tenant, List<String> unique, Map<String, Optional<AIcon>> journaled) {
        List<String> fromStore =
                unique.stream().filter(id -> !journaled.containsKey(id)).toList();
        Uni<Map<String, AIcon>> stored =
                fromStore.isEmpty() ? Uni.createFrom().item(Map.of()) : writes.current(tenant, fromStore);
        return stored.map(found -> {
            List<AIcon> items = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : unique) {
                Optional<AIcon> aicon =
                        journaled.containsKey(id) ? journaled.get(id) : Optional.ofNullable(found.get(id));
                aicon.ifPresentOrElse(items::add, () -> missing.add(id));
            }
            return new BatchRead(items, missing, !journaled.isEmpty());
        });
    }

    /** One outcome per item, in item order. */
    public Uni<List<BatchOutcome>> put(TenantId tenant, boolean allOrNothing, List<BatchItem> items) {
        requireSize(items.size());
        if (allOrNothing) {
            return atomic.put(tenant, items);
        }
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> putOne(tenant, item))
                .collect()
                .asList();
    }

    /** One item through the normal write path: validated, conditional on its expected version, journaled if need be. */
    private Uni<BatchOutcome> putOne(TenantId tenant, BatchItem item) {
        return Uni.createFrom()
                .deferred(() -> {
                    item.requireWellFormed();
                    return aicons.put(
                            tenant,
                            Objects.requireNonNull(item.id()),
                            Objects.requireNonNull(item.document()),
                            item.preconditions());
                })
                .map(written -> BatchOutcome.of(item.id(), written))
                .onFailure()
                .recoverWithItem(failure -> BatchOutcome.failed(item.id(), failure));
    }

    private void requireSize(int count) {
        if (count > maxItems) {
            throw ServiceException.batchTooLarge(count, maxItems);
        }
    }
}
