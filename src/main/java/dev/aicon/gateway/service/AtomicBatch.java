package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.store.VersionConflict;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An atomic batchPut: every item is validated, then every expected version is checked against one store read,
 * then all items are written in one all-or-nothing store write. When any item fails a step, nothing is written:
 * that item gets its own answer and every other item a {@link ServiceException#notApplied} (424).
 */
@ApplicationScoped
class AtomicBatch {

    private final ConditionalWrites rules;
    private final BatchWrites writes;

    AtomicBatch(ConditionalWrites rules, BatchWrites writes) {
        this.rules = rules;
        this.writes = writes;
    }

    Uni<List<BatchOutcome>> put(TenantId tenant, List<BatchItem> items) {
        Map<Integer, Throwable> invalid = new HashMap<>();
        List<AIcon> contents = new ArrayList<>(items.size());
        Map<String, Long> counts = items.stream()
                .filter(item -> item.id() != null)
                .collect(Collectors.groupingBy(BatchItem::id, Collectors.counting()));
        for (int i = 0; i < items.size(); i++) {
            try {
                contents.add(prepare(items.get(i), counts));
            } catch (ServiceException e) {
                invalid.put(i, e);
            }
        }
        if (!invalid.isEmpty()) {
            return Uni.createFrom().item(refused(items, invalid::get, "another item of the batch is invalid"));
        }
        List<String> ids = items.stream().map(BatchItem::id).toList();
        ids.stream().filter(id -> writes.journaled(tenant, id)).findFirst().ifPresent(id -> {
            throw ServiceException.batchUnavailable("AIcon '" + id + "' has writes journaled while the store "
                    + "was unavailable that are not replayed yet, and an atomic batch is written to the store only");
        });
        return writes.currentForWrite(tenant, ids).chain(current -> {
            Map<Integer, Throwable> stale = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                BatchItem item = items.get(i);
                Optional<AIcon> existing =
                        Objects.requireNonNull(current.get(item.id())).aicon();
                if (!item.preconditions().allowWriteOn(existing)) {
                    stale.put(
                            i,
                            ServiceException.preconditionFailed(
                                    item.id(),
                                    existing.map(a -> Long.toString(a.version()))
                                            .orElse("none")));
                }
            }
            if (!stale.isEmpty()) {
                return Uni.createFrom()
                        .item(refused(items, stale::get, "another item's expected_version does not hold"));
            }
            return writes.writeAll(tenant, contents, current)
                    .map(written -> {
                        List<BatchOutcome> outcomes = new ArrayList<>(written.size());
                        for (int i = 0; i < written.size(); i++) {
                            outcomes.add(BatchOutcome.of(items.get(i).id(), written.get(i)));
                        }
                        return outcomes;
                    })
                    .onFailure(BatchWrites.OversizedItems.class)
                    .recoverWithItem(oversized -> refused(
                            items,
                            i -> ((BatchWrites.OversizedItems) oversized)
                                    .of(items.get(i).id()),
                            "another item would be larger than aicon.document.max-bytes"))
                    .onFailure(VersionConflict.class)
                    .recoverWithItem(conflict -> items.stream()
                            .map(item -> BatchOutcome.failed(
                                    item.id(),
                                    ServiceException.concurrentModification(
                                            item.id(),
                                            "another writer changed an AIcon of the atomic batch while it was written; nothing was "
                                                    + "applied, retry the batch")))
                            .toList());
        });
    }

    private AIcon prepare(BatchItem item, Map<String, Long> counts) {
        item.requireWellFormed();
        String id = Objects.requireNonNull(item.id());
        ObjectNode document = Objects.requireNonNull(item.document());
        if (counts.getOrDefault(id, 0L) > 1) {
            throw ServiceException.documentRejected(
                    id, List.of(new Violation("id", "appears more than once; an atomic batch writes each AIcon once")));
        }
        rules.validate(id, document);
        return AIcon.fromDocument(id, document);
    }

    /** Each item with a failure of its own gets it; every other item gets 424, naming why nothing was written. */
    private static List<BatchOutcome> refused(
            List<BatchItem> items, Function<Integer, Throwable> failureOf, String reason) {
        List<BatchOutcome> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Throwable own = failureOf.apply(i);
            outcomes.add(BatchOutcome.failed(
                    items.get(i).id(),
                    own != null ? own : ServiceException.notApplied(items.get(i).id(), reason)));
        }
        return outcomes;
    }
}
