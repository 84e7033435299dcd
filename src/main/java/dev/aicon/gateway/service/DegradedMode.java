package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.journal.ConflictLog;
import dev.aicon.gateway.journal.DeadLetters;
import dev.aicon.gateway.journal.EntryRef;
import dev.aicon.gateway.journal.Journal;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.journal.JournalFull;
import dev.aicon.gateway.store.VersionConflict;
import dev.aicon.gateway.work.BlockingWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Writes accepted while the store is unavailable: appended to the durable {@link Journal} (fsynced before the
 * answer, on a worker thread) and recorded in the {@link PendingWrites} so later reads see them. At start the pending
 * writes are rebuilt from the journal on disk, so writes acknowledged before a crash are served and replayed. The
 * journal is full past {@code aicon.journal.max-bytes}, or when a write of one more AIcon would take the pending
 * writes past {@code aicon.journal.max-aicons}. Replay ({@link JournalReplayer}) takes the entries back out, and
 * keeps those it cannot apply as conflicts or dead letters.
 */
@Startup
@Singleton
public class DegradedMode {

    private final Journal journal;
    private final ConflictLog conflicts;
    private final DeadLetters deadLetters;
    private final PendingWrites pendingWrites;
    private final int maxAIcons;

    DegradedMode(JournalConfig config, ObjectMapper mapper, MeterRegistry registry, JournalOpening opening)
            throws IOException {
        Path dir = Path.of(config.dir());
        this.maxAIcons = config.maxAicons();
        this.pendingWrites =
                new PendingWrites(this::entry, config.overlayCacheMaxBytes().asLongValue());
        this.journal = Journal.open(dir, mapper, config.maxBytes().asLongValue(), pendingWrites::apply);
        this.conflicts = new ConflictLog(dir, mapper);
        this.deadLetters = new DeadLetters(dir, mapper);
        registry.gauge("aicon.journal.depth", journal, Journal::depth);
        registry.gauge("aicon.journal.bytes", journal, Journal::bytes);
        registry.gauge("aicon.journal.conflicts", conflicts, ConflictLog::size);
        registry.gauge("aicon.journal.dead_letters", deadLetters, DeadLetters::size);
        Log.infof(
                "journal %s: %d pending writes of %d AIcons, %d kept conflicts, %d dead letters",
                dir, journal.depth(), pendingWrites.size(), conflicts.size(), deadLetters.size());
        opening.opened();
    }

    /** What degraded mode holds now: the journal's size and the writes it keeps, for operators and readiness. */
    public record Status(
            Path dir, int depth, long bytes, long maxBytes, int pendingAIcons, int conflicts, int deadLetters) {}

    /**
     * Journals one write built on {@code expectedVersion}. Fails with {@link VersionConflict} when the pending writes
     * already hold another version of the AIcon, so the caller's read-check-write cycle runs again.
     */
    public Uni<JournalEntry> accept(
            TenantId tenant, String id, long expectedVersion, LongFunction<JournalEntry> entryForSeq) {
        return BlockingWork.io(() -> {
            synchronized (this) {
                EntryRef pending = pendingWrites.get(tenant, id).orElse(null);
                if (pending != null && pending.version() != expectedVersion) {
                    throw new VersionConflict(id, expectedVersion);
                }
                if (pending == null && pendingWrites.size() >= maxAIcons) {
                    throw JournalFull.ofAIcons(pendingWrites.size());
                }
                try {
                    Journal.Appended appended = journal.append(entryForSeq);
                    pendingWrites.apply(appended.entry(), appended.ref());
                    return appended.entry();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not journal a write of " + id, e);
                }
            }
        });
    }

    /** Whether another write can be journaled (of an AIcon without journaled writes, too); never waits. */
    public boolean hasRoom() {
        return journal.bytes() < journal.maxBytes() && pendingWrites.size() < maxAIcons;
    }

    public Status status() {
        return new Status(
                journal.dir(),
                journal.depth(),
                journal.bytes(),
                journal.maxBytes(),
                pendingWrites.size(),
                conflicts.size(),
                deadLetters.size());
    }

    /** Journaled writes not yet replayed. */
    public int depth() {
        return journal.depth();
    }

    /** Whether the AIcon {@code id} of {@code tenant} has journaled writes that have not reached the store yet. */
    public boolean isPending(TenantId tenant, String id) {
        return pendingWrites.get(tenant, id).isPresent();
    }

    /** The AIcon as its journaled writes left it (empty: none pending); see {@link PendingWrites#read}. */
    public Uni<Optional<PendingWrites.State>> pendingState(TenantId tenant, String id) {
        return pendingWrites.read(tenant, id);
    }

    /** Journaled writes kept as replay conflicts, with the store's version then; oldest first. */
    public List<JsonNode> conflictList() {
        return conflicts.list();
    }

    /** Journaled writes kept as dead letters, with the cause; oldest first. */
    public List<JsonNode> deadLetterList() {
        return deadLetters.list();
    }

    /** The next at most {@code max} entries to replay, in order; blocking. */
    List<EntryRef> nextPending(int max) throws IOException {
        return journal.nextPending(max);
    }

    /** The whole entry {@code ref} points at; blocking. */
    Optional<JournalEntry> entry(EntryRef ref) throws IOException {
        return journal.read(ref);
    }

    /** {@code entry} reached the store (or was set aside): its AIcon leaves the pending writes unless newer wait. */
    void replayed(JournalEntry entry) {
        pendingWrites.release(entry.key(), entry.seq());
    }

    /** Replay got through {@code upTo}: the durable progress mark moves there; blocking. */
    void markReplayed(EntryRef upTo) throws IOException {
        journal.markReplayed(upTo);
    }

    /** The seq of the dead letter {@code entry} builds on, if it builds on one. */
    OptionalLong deadLetterBuiltOn(JournalEntry entry) {
        return deadLetters.buildsOn(entry);
    }

    /** Keeps {@code entry} as a conflict with the store at {@code storeVersion}; blocking. */
    void keepConflict(JournalEntry entry, long storeVersion) throws IOException {
        conflicts.keep(entry, storeVersion);
    }

    /** Keeps {@code entry}, refused by the store with {@code cause}, as a dead letter; blocking. */
    void keepDeadLetter(JournalEntry entry, Throwable cause) throws IOException {
        deadLetters.keep(entry, cause);
    }

    /** Keeps {@code entry}, which builds on the dead letter {@code deadSeq}, as a dead letter too; blocking. */
    void keepDeadLetterFollower(JournalEntry entry, long deadSeq) throws IOException {
        deadLetters.keepFollower(entry, deadSeq);
    }

    @PreDestroy
    void close() {
        journal.close();
    }
}
