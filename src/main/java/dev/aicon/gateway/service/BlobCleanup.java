package dev.aicon.gateway.service;

import dev.aicon.gateway.blob.BlobStore;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.BrainObjects;
import dev.aicon.gateway.blob.BrainStorage;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.GuardedStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Deletes stored brains no AIcon refers to any more (replaced, removed, or uploads whose switch failed), once they
 * are older than {@code aicon.blob.cleanup.grace}, so a read that started before the switch can finish. An object
 * is named after its tenant and AIcon ({@link BrainObjects}); for each AIcon with old objects, the AIcon is read
 * from the store itself, in the object's own tenant, and every object other than the one its stored document
 * refers to goes. The sweep covers every tenant.
 * <p>
 * Only what the store confirms is unreferenced is deleted, never on the word of the cache, the journal or a
 * last-known copy: while the store breaker is not closed or journaled writes wait for replay the sweep is skipped, a
 * failed store read stops it, and an AIcon whose stored document cannot be read, or that has journaled writes,
 * keeps its objects.
 */
@ApplicationScoped
public class BlobCleanup {

    private final BrainStorage storage;
    private final GuardedStore store;
    private final DegradedMode degraded;
    private final Duration grace;
    private final MeterRegistry registry;

    BlobCleanup(
            BrainStorage storage, GuardedStore store, DegradedMode degraded, BlobConfig blobs, MeterRegistry registry) {
        this.storage = storage;
        this.store = store;
        this.degraded = degraded;
        this.grace = blobs.cleanup().grace();
        this.registry = registry;
    }

    @Scheduled(
            every = "${aicon.blob.cleanup.interval:1h}",
            delayed = "${aicon.blob.cleanup.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return deleteOrphans()
                .onFailure()
                .recoverWithItem(e -> {
                    Log.warnf("orphan cleanup stopped early (%s); it runs again at the next interval", e.toString());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** The item is the number of objects deleted (0 when the sweep is skipped); fails when a store read fails. */
    public Uni<Integer> deleteOrphans() {
        Optional<String> skip = reasonToSkip();
        if (skip.isPresent()) {
            Log.infof("orphan cleanup skipped: %s; it runs again at the next interval", skip.get());
            return Uni.createFrom().item(0);
        }
        Instant cutoff = Instant.now().minus(grace);
        return Multi.createFrom()
                .iterable(storage.stores())
                .onItem()
                .transformToUniAndConcatenate(blobs -> cleanOne(blobs, cutoff))
                .collect()
                .with(Collectors.summingInt(Integer::intValue))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("orphan cleanup deleted %d stored brains", deleted);
                    }
                });
    }

    private Optional<String> reasonToSkip() {
        CircuitBreakerState breaker = store.guard().state();
        if (breaker != CircuitBreakerState.CLOSED) {
            return Optional.of("the store breaker is " + breaker + ", so the store cannot confirm what is unused");
        }
        int pending = degraded.depth();
        if (pending > 0) {
            return Optional.of(pending + " journaled writes are not in the store yet");
        }
        return Optional.empty();
    }

    private Uni<Integer> cleanOne(BlobStore blobs, Instant cutoff) {
        return blobs.list().chain(objects -> {
            Map<BrainObjects.Owner, List<String>> oldByAIcon = objects.stream()
                    .filter(o -> o.createdAt().isBefore(cutoff)
                            && BrainObjects.ownerOf(o.name()).isPresent())
                    .collect(Collectors.groupingBy(
                            o -> BrainObjects.ownerOf(o.name()).orElseThrow(),
                            Collectors.mapping(BlobStore.StoredObject::name, Collectors.toList())));
            Log.debugf(
                    "orphan cleanup: %s holds %d objects, %d AIcons with objects older than %s",
                    blobs.location(), objects.size(), oldByAIcon.size(), cutoff);
            return Multi.createFrom()
                    .iterable(oldByAIcon.entrySet())
                    .onItem()
                    .transformToUniAndConcatenate(entry ->
                            unreferenced(entry.getKey(), entry.getValue()).chain(orphans -> delete(blobs, orphans)))
                    .collect()
                    .with(Collectors.summingInt(Integer::intValue));
        });
    }

    /** Those of {@code objects} the stored document of their AIcon does not refer to, read from the store itself. */
    private Uni<List<String>> unreferenced(BrainObjects.Owner owner, List<String> objects) {
        String id = owner.aiconId();
        return store.get(owner.tenant(), id)
                .map(stored -> {
                    if (degraded.isPending(owner.tenant(), id)) {
                        Log.debugf("orphan cleanup keeps the brains of %s: it has journaled writes", id);
                        return List.<String>of();
                    }
                    String current = stored.map(a -> BrainMeta.of(a.attributes().get(BrainMeta.FIELD)))
                            .map(BrainMeta::object)
                            .orElse(null);
                    return objects.stream()
                            .filter(name -> !name.equals(current))
                            .toList();
                })
                .onFailure(CorruptDocument.class)
                .recoverWithItem(e -> {
                    Log.warnf(
                            "orphan cleanup keeps the brains of %s: its stored document cannot be read (%s)",
                            id, e.getMessage());
                    return List.of();
                });
    }

    private Uni<Integer> delete(BlobStore blobs, List<String> orphans) {
        return Multi.createFrom()
                .iterable(orphans)
                .onItem()
                .transformToUniAndConcatenate(name -> blobs.delete(name).replaceWith(1))
                .collect()
                .with(Collectors.summingInt(Integer::intValue))
                .invoke(done -> registry.counter(
                                "aicon.blob.orphans.deleted",
                                "location",
                                blobs.location().name())
                        .increment(done));
    }
}
