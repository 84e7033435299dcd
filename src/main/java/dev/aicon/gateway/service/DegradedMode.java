package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.JournalConfig;
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
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Writes accepted while the store is unavailable: appended to the durable {@link Journal} (fsynced before the
 * answer, on a worker thread) and recorded in the {@link PendingWrites} so later reads see them. At start the overlay is
 * rebuilt from the journal on disk, so writes acknowledged before a crash are served and replayed. The journal is
 * full past {@code aicon.journal.max-bytes}, or when a write of one more AIcon would take the overlay past
 * {@code aicon.journal.max-aicons}.
 */
@Startup
@Singleton
public class DegradedMode {

    private final Journal journal;
    private final ConflictLog conflicts;
    private final DeadLetters deadLetters;
    private final PendingWrites overlay;
    private final int maxAIcons;

    DegradedMode(JournalConfig config, ObjectMapper mapper, MeterRegistry registry, JournalOpening opening)
            throws IOException {
        Path dir = Path.of(config.dir());
        this.maxAIcons = config.maxAicons();
        this.overlay = new PendingWrites(this::read, config.overlayCacheMaxBytes().asLongValue());
        this.journal = Journal.open(dir, mapper, config.maxBytes().asLongValue(), overlay::apply);
        this.conflicts = new ConflictLog(dir, mapper);
        this.deadLetters = new DeadLetters(dir, mapper);
        registry.gauge("aicon.journal.depth", journal, Journal::depth);
        registry.gauge("aicon.journal.bytes", journal, Journal::bytes);
        registry.gauge("aicon.journal.conflicts", conflicts, ConflictLog::size);
        registry.gauge("aicon.journal.dead_letters", deadLetters, DeadLetters::size);
        Log.infof("journal %s: %d pending writes of %d AIcons, %d kept conflicts, %d dead letters", dir,
                journal.depth(), overlay.size(), conflicts.size(), deadLetters.size());
        opening.opened();
    }

    private Optional<JournalEntry> read(EntryRef ref) throws IOException {
        return journal.read(ref);
    }

    /**
     * Journals one write built on {@code expectedVersion}. Fails with {@link VersionConflict} when the overlay
     * already holds another version of the AIcon, so the caller's read-check-write cycle runs again.
     */
    public Uni<JournalEntry> accept(String id, long expectedVersion, LongFunction<JournalEntry> entryForSeq) {
        return BlockingWork.io(() -> {
            synchronized (this) {
                EntryRef pending = overlay.get(id).orElse(null);
                if (pending != null && pending.version() != expectedVersion) {
                    throw new VersionConflict(id, expectedVersion);
                }
                if (pending == null && overlay.size() >= maxAIcons) {
                    throw JournalFull.ofAIcons(overlay.size());
                }
                try {
                    Journal.Appended appended = journal.append(entryForSeq);
                    overlay.apply(appended.entry(), appended.ref());
                    return appended.entry();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not journal a write of " + id, e);
                }
            }
        });
    }

    /** Whether another write can be journaled (of an AIcon without journaled writes, too); never waits. */
    public boolean hasRoom() {
        return journal.bytes() < journal.maxBytes() && overlay.size() < maxAIcons;
    }

    public PendingWrites overlay() {
        return overlay;
    }

    public Journal journal() {
        return journal;
    }

    public ConflictLog conflicts() {
        return conflicts;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    @PreDestroy
    void close() {
        journal.close();
    }
}
