package dev.aicon.gateway.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The durable local journal: NDJSON segment files, each entry fsynced before its write is acknowledged. Entries
 * stay on disk; memory holds the segments' extents, the replay position and two counters, never a document.
 * Replay progress is kept in {@code replayed-seq} ({@link ReplayMark}), so a restart never applies an entry twice;
 * a segment is closed past {@link #SEGMENT_BYTES}, and deleted once every entry in it is replayed. Appends and the
 * replay mark take the journal's lock (and fsync, on worker threads); {@link #depth()} and {@link #bytes()} never
 * wait for it.
 */
public final class Journal implements AutoCloseable {

    /** Size past which the active segment is closed and the next entry begins a new one. */
    static final long SEGMENT_BYTES = 16L << 20;

    /** An entry just made durable, and where it lies. */
    public record Appended(JournalEntry entry, EntryRef ref) {}

    private final Path dir;
    private final JournalCodec codec;
    private final long maxBytes;
    private final long segmentBytes;
    private final Segments segments;
    private final SegmentReads reads;
    private final ReplayMark mark;
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private @Nullable ActiveSegment active;
    private long nextSeq;
    private long replayedSeq;
    private long cursorSegment;
    private long cursorOffset;

    private Journal(Path dir, JournalCodec codec, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.codec = codec;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.segments = new Segments(dir);
        this.reads = new SegmentReads(segments, codec);
        this.mark = new ReplayMark(dir);
    }

    /**
     * Opens the journal directory, checking every entry, and hands each entry not yet replayed to {@code pending},
     * oldest first, one at a time.
     */
    public static Journal open(Path dir, ObjectMapper mapper, long maxBytes, Consumer<EntryRef> pending)
            throws IOException {
        return open(dir, mapper, maxBytes, SEGMENT_BYTES, pending);
    }

    static Journal open(Path dir, ObjectMapper mapper, long maxBytes, long segmentBytes, Consumer<EntryRef> pending)
            throws IOException {
        Files.createDirectories(dir);
        Journal journal = new Journal(dir, new JournalCodec(mapper), maxBytes, segmentBytes);
        journal.load(pending);
        return journal;
    }

    private synchronized void load(Consumer<EntryRef> pending) throws IOException {
        replayedSeq = mark.read();
        nextSeq = replayedSeq + 1;
        List<Path> files = segments.files();
        cursorSegment = Long.MAX_VALUE;
        for (int s = 0; s < files.size(); s++) {
            Segments.Segment segment = new SegmentScan(codec, files.get(s), s == files.size() - 1).scan(ref -> {
                if (ref.seq() > replayedSeq) {
                    if (cursorSegment == Long.MAX_VALUE) {
                        cursorSegment = ref.segment();
                        cursorOffset = ref.offset();
                    }
                    depth.incrementAndGet();
                    bytes.addAndGet(ref.bytes());
                    pending.accept(ref);
                }
            });
            nextSeq = Math.max(nextSeq, segment.last + 1);
            if (segment.size == 0) {
                Files.delete(files.get(s));
            } else {
                segments.add(segment);
            }
        }
        if (cursorSegment == Long.MAX_VALUE) {
            cursorSegment = nextSeq;
            cursorOffset = 0;
        }
        segments.deleteReplayed(replayedSeq);
        if (depth.get() > 0) {
            Log.warnf("journal %s holds %d writes not yet replayed (%d bytes)", dir, depth.get(), bytes.get());
        }
    }

    /**
     * Appends the entry built for the next sequence number and forces it to disk; only then may the write be
     * acknowledged. Fails with {@link JournalFull} past the byte cap, writing nothing; a failed write is cut off
     * the segment again.
     */
    public synchronized Appended append(LongFunction<JournalEntry> entryForSeq) throws IOException {
        JournalEntry entry = entryForSeq.apply(nextSeq);
        byte[] line = codec.encode(entry);
        if (bytes.get() + line.length > maxBytes) {
            throw JournalFull.ofBytes(bytes.get(), maxBytes);
        }
        if (active != null && !active.takes(segmentBytes)) {
            closeActive();
        }
        if (active == null) {
            active = ActiveSegment.create(segments, entry.seq());
        }
        long offset = active.append(line, entry.seq());
        depth.incrementAndGet();
        bytes.addAndGet(line.length);
        nextSeq++;
        return new Appended(entry, EntryRef.of(entry, active.first(), offset, line.length - 1));
    }

    /**
     * Up to {@code max} entries not yet replayed, oldest first, read from disk one at a time. Only the replayer
     * calls it, between its replay marks.
     */
    public List<EntryRef> nextPending(int max) throws IOException {
        long fromSegment;
        long fromOffset;
        List<Segments.Extent> extents;
        synchronized (this) {
            fromSegment = cursorSegment;
            fromOffset = cursorOffset;
            extents = segments.from(cursorSegment);
        }
        return reads.refs(extents, fromSegment, fromOffset, max);
    }

    /** The entry {@code ref} points to; empty once it has been replayed and its segment deleted. */
    public Optional<JournalEntry> read(EntryRef ref) throws IOException {
        return reads.read(ref);
    }

    /** Records that every entry up to {@code upTo} reached the store (or was set aside); deletes whole segments. */
    public synchronized void markReplayed(EntryRef upTo) throws IOException {
        if (upTo.seq() <= replayedSeq) {
            return;
        }
        mark.write(upTo.seq());
        long end = upTo.offset() + upTo.bytes();
        bytes.addAndGet(-segments.bytesBetween(cursorSegment, cursorOffset, upTo.segment(), end));
        depth.addAndGet((int) (replayedSeq - upTo.seq()));
        replayedSeq = upTo.seq();
        cursorSegment = upTo.segment();
        cursorOffset = end;
        List<Long> deleted = segments.deleteReplayed(replayedSeq);
        if (active != null && deleted.contains(active.first())) {
            closeActive();
        }
    }

    /** Entries not yet replayed; never waits for an append. */
    public int depth() {
        return depth.get();
    }

    /** Bytes of the entries not yet replayed; never waits for an append. */
    public long bytes() {
        return bytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public synchronized void close() {
        closeActive();
    }

    private void closeActive() {
        if (active != null) {
            active.close();
            active = null;
        }
    }
}
