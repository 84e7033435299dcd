package dev.aicon.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.journal.EntryRef;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.work.BlockingWork;
import io.smallrye.mutiny.Uni;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest journaled state of each AIcon whose journal entries have not reached the store yet. While an id is
 * here, its reads are answered from here and its writes go to the journal, so order per AIcon is kept. Memory
 * holds where each newest entry lies ({@link EntryRef}: seq, version, tombstone, place on disk); its document is
 * read from the journal on a worker thread when asked for, through a small cache bounded in bytes.
 */
public class PendingWrites {

    /** Reads a journal entry from disk; empty once it has been replayed and its segment deleted. */
    @FunctionalInterface
    interface Reader {
        Optional<JournalEntry> read(EntryRef ref) throws IOException;
    }

    /** The journaled state of an AIcon: empty when its newest journaled write deleted it, with that tombstone. */
    public record State(Optional<AIcon> aicon, long tombstone) {}

    private final Map<AIconKey, EntryRef> newest = new ConcurrentHashMap<>();
    private final Cache<Long, AIcon> documents;
    private final Reader reader;

    PendingWrites(Reader reader, long cacheBytes) {
        this.reader = reader;
        this.documents = Caffeine.newBuilder()
                .maximumWeight(cacheBytes)
                .weigher((Long seq, AIcon aicon) -> HeapEstimate.of(aicon))
                .build();
    }

    /** Where the newest journaled entry of {@code id} lies, if it has one not yet replayed; never touches the disk. */
    public Optional<EntryRef> get(TenantId tenant, String id) {
        return Optional.ofNullable(newest.get(AIconKey.of(tenant, id)));
    }

    /**
     * The journaled state of {@code id}: empty when it has none (or it was replayed meanwhile). A document not in
     * the cache is read from disk on a worker thread.
     */
    public Uni<Optional<State>> read(TenantId tenant, String id) {
        EntryRef ref = newest.get(AIconKey.of(tenant, id));
        if (ref == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (ref.isDelete()) {
            return Uni.createFrom().item(Optional.of(new State(Optional.empty(), ref.tombstone())));
        }
        AIcon cached = documents.getIfPresent(ref.seq());
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(new State(Optional.of(cached), 0)));
        }
        return BlockingWork.io(() -> reader.read(ref))
                .map(entry -> entry.map(found -> {
                    documents.put(found.seq(), found.next());
                    return new State(Optional.of(found.next()), 0);
                }));
    }

    /** Records {@code ref} as the newest entry of its AIcon (at start, from the journal on disk). */
    public void apply(EntryRef ref) {
        newest.put(ref.key(), ref);
    }

    /** Records an entry just journaled, whose document is at hand. */
    public void apply(JournalEntry entry, EntryRef ref) {
        EntryRef previous = newest.put(ref.key(), ref);
        if (previous != null) {
            documents.invalidate(previous.seq());
        }
        if (!entry.isDelete()) {
            documents.put(ref.seq(), entry.next());
        }
    }

    /** Forgets the id once its newest journaled write ({@code seq} or earlier) has been replayed. */
    public void release(AIconKey id, long seq) {
        EntryRef released = newest.computeIfPresent(id, (key, ref) -> ref.seq() <= seq ? null : ref);
        if (released == null) {
            documents.invalidate(seq);
        }
    }

    public int size() {
        return newest.size();
    }
}
