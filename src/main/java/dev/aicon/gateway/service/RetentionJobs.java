package dev.aicon.gateway.service;

import dev.aicon.gateway.config.EventsConfig;
import dev.aicon.gateway.config.HistoryConfig;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.HistoryRetention;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The retention jobs: recorded versions beyond {@code aicon.history.keep-last} or older than
 * {@code aicon.history.max-age}, and outbox events older than {@code aicon.events.retention}, are removed on a
 * schedule, so neither grows without bound. A failed run (store down) is logged and tried again next time.
 */
@ApplicationScoped
public class RetentionJobs {

    private final GuardedStore store;
    private final HistoryConfig history;
    private final EventsConfig events;
    private final Counter versionsPruned;
    private final Counter eventsPruned;

    RetentionJobs(GuardedStore store, HistoryConfig history, EventsConfig events, MeterRegistry registry) {
        this.store = store;
        this.history = history;
        this.events = events;
        this.versionsPruned = registry.counter("aicon.history.pruned");
        this.eventsPruned = registry.counter("aicon.events.pruned");
        if (history.keepLast() < 0) {
            throw new IllegalArgumentException(
                    "aicon.history.keep-last must be 0 (no count limit) or more, not " + history.keepLast());
        }
    }

    @Scheduled(
            every = "${aicon.history.prune-interval:5m}",
            delayed = "${aicon.history.prune-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pruneHistory() {
        HistoryRetention retention = new HistoryRetention(
                history.keepLast(),
                history.maxAge().map(age -> Instant.now().minus(age)).orElse(null));
        return store.pruneHistory(retention)
                .invoke(removed -> {
                    versionsPruned.increment(removed);
                    if (removed > 0) {
                        Log.infof(
                                "history pruning removed %d recorded versions (keep-last %d, max-age %s)",
                                removed,
                                history.keepLast(),
                                history.maxAge().map(Object::toString).orElse("none"));
                    }
                })
                .onFailure()
                .invoke(e -> Log.warnf("history pruning failed, retried next run: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(
            every = "${aicon.events.prune-interval:5m}",
            delayed = "${aicon.events.prune-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pruneEvents() {
        return store.pruneEvents(Instant.now().minus(events.retention()))
                .invoke(removed -> {
                    eventsPruned.increment(removed);
                    if (removed > 0) {
                        Log.infof("outbox pruning removed %d events older than %s", removed, events.retention());
                    }
                })
                .onFailure()
                .invoke(e -> Log.warnf("outbox pruning failed, retried next run: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
