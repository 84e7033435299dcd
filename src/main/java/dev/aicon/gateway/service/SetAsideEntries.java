package dev.aicon.gateway.service;

import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Keeps the journal entries replay cannot apply, on disk (from a worker thread) and in the log: a conflict when the
 * store moved on, a dead letter when the entry itself cannot apply or builds on one that could not. Each item is the
 * replay outcome ({@code conflict} or {@code dead-letter}); a failure to keep the entry fails the item, so the
 * entry stays in the journal.
 */
final class SetAsideEntries {

    private final DegradedMode degraded;

    SetAsideEntries(DegradedMode degraded) {
        this.degraded = degraded;
    }

    /** The store moved past {@code entry}'s expected version; a dead letter instead when it builds on one. */
    Uni<String> conflict(JournalEntry entry, long storeVersion) {
        OptionalLong deadSeq = degraded.deadLetterBuiltOn(entry);
        if (deadSeq.isPresent()) {
            return keep("dead-letter", () -> {
                degraded.keepDeadLetterFollower(entry, deadSeq.getAsLong());
                Log.warnf(
                        "AIcon %s: journaled write %d builds on dead-lettered write %d; kept as a dead letter too",
                        entry.id(), entry.seq(), deadSeq.getAsLong());
            });
        }
        return keep("conflict", () -> {
            degraded.keepConflict(entry, storeVersion);
            Log.errorf(
                    "AIcon %s: journaled write %d (on version %d) conflicts with the store at version %d; kept in "
                            + "the conflict log",
                    entry.id(), entry.seq(), entry.expectedVersion(), storeVersion);
        });
    }

    /** {@code entry} failed with {@code failure}, which is not an outage: the store refused it. */
    Uni<String> deadLetter(JournalEntry entry, Throwable failure) {
        return keep("dead-letter", () -> {
            degraded.keepDeadLetter(entry, failure);
            Log.warnf(
                    "AIcon %s: journaled write %d cannot be applied (%s); kept as a dead letter, replay goes on",
                    entry.id(), entry.seq(), failure.toString());
        });
    }

    private interface Keeping {
        void run() throws IOException;
    }

    private static Uni<String> keep(String outcome, Keeping keeping) {
        return BlockingWork.io(() -> {
            keeping.run();
            return outcome;
        });
    }
}
