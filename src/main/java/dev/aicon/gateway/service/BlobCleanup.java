package dev.aicon.gateway.service;

import dev.aicon.gateway.blob.BlobStore;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.BrainStorage;
import dev.aicon.gateway.config.BlobConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deletes stored brains no AIcon refers to any more (replaced, removed, or uploads whose switch failed), once they
 * are older than {@code aicon.blob.cleanup.grace}, so a read that started before the switch can finish. An object
 * is named {@code <aicon id>/<uuid>}; for each id with old objects, the AIcon's current brain is read as a write
 * would read it (journaled state first, then the store), and every other object of that id goes.
 */
@ApplicationScoped
public class BlobCleanup {

    private final BrainStorage storage;
    private final AIconReads reads;
    private final Duration grace;
    private final MeterRegistry registry;

    BlobCleanup(BrainStorage storage, AIconReads reads, BlobConfig blobs, MeterRegistry registry) {
        this.storage = storage;
        this.reads = reads;
        this.grace = blobs.cleanup().grace();
        this.registry = registry;
    }

    @Scheduled(every = "${aicon.blob.cleanup.interval:1h}", delayed = "${aicon.blob.cleanup.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return deleteOrphans().onFailure().recoverWithItem(e -> {
            Log.warnf("orphan cleanup stopped early (%s); it runs again at the next interval", e.toString());
            return 0;
        }).replaceWithVoid();
    }

    /** The item is the number of objects deleted. */
    public Uni<Integer> deleteOrphans() {
        Instant cutoff = Instant.now().minus(grace);
        return Multi.createFrom().iterable(storage.stores()).onItem()
                .transformToUniAndConcatenate(blobs -> cleanOne(blobs, cutoff))
                .collect().with(Collectors.summingInt(Integer::intValue))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("orphan cleanup deleted %d stored brains", deleted);
                    }
                });
    }

    private Uni<Integer> cleanOne(BlobStore blobs, Instant cutoff) {
        return blobs.list().chain(objects -> {
            Map<String, List<String>> oldByAIcon = objects.stream()
                    .filter(o -> o.createdAt().isBefore(cutoff) && o.name().contains("/"))
                    .collect(Collectors.groupingBy(o -> o.name().substring(0, o.name().indexOf('/')),
                            Collectors.mapping(BlobStore.StoredObject::name, Collectors.toList())));
            Log.debugf("orphan cleanup: %s holds %d objects, %d AIcons with objects older than %s",
                    blobs.location(), objects.size(), oldByAIcon.size(), cutoff);
            return Multi.createFrom().iterable(oldByAIcon.entrySet()).onItem()
                    .transformToUniAndConcatenate(entry -> reads.forWrite(entry.getKey(), false).chain(read -> {
                        String current = read.aicon().map(a -> BrainMeta.of(a.attributes().get(BrainMeta.FIELD)))
                                .map(BrainMeta::object).orElse(null);
                        List<String> orphans = entry.getValue().stream().filter(name -> !name.equals(current)).toList();
                        return Multi.createFrom().iterable(orphans).onItem()
                                .transformToUniAndConcatenate(name -> blobs.delete(name).replaceWith(1))
                                .collect().with(Collectors.summingInt(Integer::intValue))
                                .invoke(done -> registry.counter("aicon.blob.orphans.deleted", "location",
                                        blobs.location().name()).increment(done));
                    })).collect().with(Collectors.summingInt(Integer::intValue));
        });
    }
}
