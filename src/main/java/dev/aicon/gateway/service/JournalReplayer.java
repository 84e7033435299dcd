package dev.aicon.gateway.service;

import dev.aicon.gateway.cache.AIconCache;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.journal.EntryRef;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.VersionConflict;
import dev.aicon.gateway.work.BlockingWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Replays the journal into the store once it answers again, streaming it from disk: each AIcon's entries in
 * acceptance order (AIcons in parallel), replay progress marked durably per batch, the journal truncated when all are
 * done. An entry the store has moved past
 * is either recognised as already applied or kept in the conflict log, counted, and never dropped silently. An entry
 * that fails for another reason than an outage (data the store refuses, a bug) is kept as a dead letter, and so is
 * every later entry of its AIcon that builds on it; replay goes on past them, and the progress mark with it. An
 * outage stops replay, and the entry waits in the journal.
 */
@ApplicationScoped
public class JournalReplayer {

    /** Entries applied between two durable progress marks. */
    private static final int BATCH = 256;
    /** AIcons whose entries are replayed at the same time. */
    private static final int PARALLEL_AICONS = 8;

    private final GuardedStore store;
    private final AIconCache cache;
    private final DegradedMode degraded;
    private final LastKnownCopies lastKnown;
    private final MeterRegistry registry;
    private final SetAsideEntries setAside;
    /**
     * Entries this process applied that the durable mark does not cover yet (a batch stopped on an outage after
     * other AIcons' entries went through): the next round skips them instead of applying them again. At most one
     * batch of them.
     */
    private final Set<Long> appliedPastMark = ConcurrentHashMap.newKeySet();

    JournalReplayer(
            GuardedStore store,
            AIconCache cache,
            DegradedMode degraded,
            LastKnownCopies lastKnown,
            MeterRegistry registry) {
        this.setAside = new SetAsideEntries(degraded);
        this.store = store;
        this.cache = cache;
        this.degraded = degraded;
        this.lastKnown = lastKnown;
        this.registry = registry;
    }

    /** Runs on the schedule; tests may also call it. Replays until the journal is empty, or the store fails. */
    @Scheduled(
            every = "${aicon.journal.replay-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = JournalOpening.class)
    public Uni<Void> replayWhenStoreAnswers() {
        if (degraded.depth() == 0) {
            return Uni.createFrom().voidItem();
        }
        return store.ping()
                .chain(() -> {
                    Log.infof("store answers again: replaying %d journaled writes", degraded.depth());
                    return replayUntilEmpty().invoke(() -> Log.info("journal replayed and truncated"));
                })
                .onFailure()
                .recoverWithItem(e -> {
                    Log.debugf("journal replay waits for the store: %s", e.toString());
                    return null;
                });
    }

    /**
     * Writes keep arriving for AIcons with pending entries, so one batch is followed by another until none is left.
     * A batch is a list of where its entries lie, read from disk; each entry is read in full only when it is
     * applied, so replay holds at most one document per AIcon it works on. Within a batch each AIcon's entries are
     * applied in their order, and different AIcons in parallel.
     */
    private Uni<Void> replayUntilEmpty() {
        return BlockingWork.io(() -> degraded.nextPending(BATCH)).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Map<AIconKey, List<EntryRef>> byAIcon = batch.stream()
                    .filter(ref -> !appliedPastMark.contains(ref.seq()))
                    .collect(Collectors.groupingBy(EntryRef::key, LinkedHashMap::new, Collectors.toList()));
            return Multi.createFrom()
                    .iterable(byAIcon.values())
                    .onItem()
                    .transformToUni(refs -> Multi.createFrom()
                            .iterable(refs)
                            .onItem()
                            .transformToUniAndConcatenate(
                                    ref -> read(ref).chain(this::replay).invoke(() -> appliedPastMark.add(ref.seq())))
                            .collect()
                            .last())
                    .merge(PARALLEL_AICONS)
                    .collect()
                    .last()
                    .onTermination()
                    .call(() -> markReplayed(appliedPrefix(batch, appliedPastMark)))
                    .chain(this::replayUntilEmpty);
        });
    }

    private Uni<JournalEntry> read(EntryRef ref) {
        return BlockingWork.io(() -> degraded.entry(ref)
                .orElseThrow(() ->
                        new IllegalStateException("journal entry " + ref.seq() + " is gone before it was replayed")));
    }

    /** The last entry of the batch up to which every entry was applied (null: none). */
    private static @Nullable EntryRef appliedPrefix(List<EntryRef> batch, Set<Long> applied) {
        EntryRef prefix = null;
        for (EntryRef ref : batch) {
            if (!applied.contains(ref.seq())) {
                break;
            }
            prefix = ref;
        }
        return prefix;
    }

    /**
     * Applies one entry. Once applied its AIcon leaves the pending writes (when no newer entry of it waits), so new
     * writes go straight to the store again; the durable progress mark follows per batch (and when a batch stops
     * early), which keeps replay from paying one fsync per entry. Entries applied past the mark are remembered
     * and not applied again by the next round; only after a crash inside a batch do its applied entries
     * replay again: the last one of an AIcon is recognised as already applied, earlier ones are kept as
     * conflicts (their content is in the store already; nothing is lost, the log is noisier). A failure that is
     * not an outage is the entry's own only while the store still answers a ping: then the entry becomes a dead
     * letter; otherwise the ping's failure stops replay and the entry waits in the journal.
     */
    private Uni<Void> replay(JournalEntry entry) {
        return apply(entry)
                .onFailure(failure -> !OutageClassifier.isOutage(failure))
                .recoverWithUni(failure -> store.ping().chain(() -> setAside.deadLetter(entry, failure)))
                .invoke(outcome -> {
                    degraded.replayed(entry);
                    registry.counter("aicon.journal.replayed", "outcome", outcome)
                            .increment();
                })
                .replaceWithVoid();
    }

    private Uni<Void> markReplayed(@Nullable EntryRef upTo) {
        if (upTo == null) {
            return Uni.createFrom().voidItem();
        }
        return BlockingWork.run(() -> {
            degraded.markReplayed(upTo);
            appliedPastMark.removeIf(seq -> seq <= upTo.seq());
        });
    }

    /**
     * Writes the entry; the item is the outcome: {@code applied}, {@code already-applied}, {@code conflict} or
     * {@code dead-letter} (for an entry built on a dead-lettered one).
     */
    private Uni<String> apply(JournalEntry entry) {
        Uni<Void> write = entry.isDelete()
                ? store.delete(entry.tenant(), entry.id(), entry.expectedVersion())
                        .call(() -> cache.deleted(entry.tenant(), entry.id(), entry.expectedVersion()))
                        .invoke(() -> lastKnown.forget(entry.tenant(), entry.id()))
                : store.write(entry.write())
                        .call(stored -> cache.refresh(entry.tenant(), stored))
                        .invoke(stored -> lastKnown.remember(entry.tenant(), stored))
                        .replaceWithVoid();
        return write.replaceWith("applied")
                .onFailure(VersionConflict.class)
                .recoverWithUni(() -> store.get(entry.tenant(), entry.id()).chain(current -> {
                    if (alreadyApplied(entry, current)) {
                        return Uni.createFrom().item("already-applied");
                    }
                    return setAside.conflict(entry, current.map(AIcon::version).orElse(0L));
                }));
    }

    private static boolean alreadyApplied(JournalEntry entry, Optional<AIcon> current) {
        if (entry.isDelete()) {
            return current.isEmpty();
        }
        return current.map(stored -> stored.version() == entry.next().version()
                        && stored.toDocument().equals(entry.next().toDocument()))
                .orElse(false);
    }
}
