package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.journal.JournalEntry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest journaled state of each AIcon whose journal entries have not reached the store yet. While an id is
 * here, its reads are answered from here and its writes go to the journal, so order per AIcon is kept.
 */
public class Overlay {

    /**
     * {@code aicon} is null (and {@code version} 0) when the newest journaled write deleted it; {@code tombstone}
     * is then the version that delete consumed, so a create journaled after it continues the id's versions.
     */
    public record Entry(AIcon aicon, long version, long seq, long tombstone) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public void apply(JournalEntry entry) {
        AIcon next = entry.next();
        entries.put(entry.id(), next == null ? new Entry(null, 0, entry.seq(), entry.expectedVersion() + 1)
                : new Entry(next, next.version(), entry.seq(), 0));
    }

    /** Forgets the id once its newest journaled write ({@code seq} or earlier) has been replayed. */
    public void release(String id, long seq) {
        entries.computeIfPresent(id, (key, entry) -> entry.seq() <= seq ? null : entry);
    }

    public int size() {
        return entries.size();
    }
}
