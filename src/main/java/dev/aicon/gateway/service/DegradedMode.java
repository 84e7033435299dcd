package dev.aicon.gateway.service;

import dev.aicon.gateway.work.BlockingWork;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.journal.ConflictLog;
import dev.aicon.gateway.journal.DeadLetters;
import dev.aicon.gateway.journal.Journal;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.store.VersionConflict;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * Writes accepted while the store is unavailable: appended to the durable {@link Journal} (fsynced before the
 * answer) and applied to the {@link Overlay} so later reads see them. At start the overlay is rebuilt from the
 * journal, so writes acknowledged before a crash are served and replayed.
 */
@Startup
@Singleton
public class DegradedMode {

    private final Journal journal;
    private final ConflictLog conflicts;
    private final DeadLetters deadLetters;
    private final Overlay overlay = new Overlay();

    DegradedMode(JournalConfig config, ObjectMapper mapper, MeterRegistry registry) throws IOException {
        Path dir = Path.of(config.dir());
        this.journal = Journal.open(dir, mapper, config.maxBytes().asLongValue());
        this.conflicts = new ConflictLog(dir, mapper);
        this.deadLetters = new DeadLetters(dir, mapper);
        journal.pending().forEach(overlay::apply);
        registry.gauge("aicon.journal.depth", journal, Journal::depth);
        registry.gauge("aicon.journal.bytes", journal, Journal::bytes);
        registry.gauge("aicon.journal.conflicts", conflicts, ConflictLog::size);
        registry.gauge("aicon.journal.dead_letters", deadLetters, DeadLetters::size);
        Log.infof("journal %s: %d pending writes, %d kept conflicts, %d dead letters", dir, journal.depth(),
                conflicts.size(), deadLetters.size());
    }

    /**
     * Journals one write built on {@code expectedVersion}. Fails with {@link VersionConflict} when the overlay
     * already holds another version of the AIcon, so the caller's read-check-write cycle runs again.
     */
    public Uni<JournalEntry> accept(String id, long expectedVersion, LongFunction<JournalEntry> entryForSeq) {
        return BlockingWork.io(() -> {
            synchronized (this) {
                Overlay.Entry pending = overlay.get(id).orElse(null);
                if (pending != null && pending.version() != expectedVersion) {
                    throw new VersionConflict(id, expectedVersion);
                }
                try {
                    JournalEntry entry = journal.append(entryForSeq);
                    overlay.apply(entry);
                    return entry;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not journal a write of " + id, e);
                }
            }
        });
    }

    public Overlay overlay() {
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
    void close() throws IOException {
        journal.close();
    }
}
