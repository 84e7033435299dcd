package dev.aicon.gateway.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The durable local journal: NDJSON segment files, each entry fsynced before its write is acknowledged. Replay
 * progress is kept in {@code replayed-seq}, so a restart never applies an entry twice; fully replayed segments
 * are deleted (the journal is truncated). Pending entries are also held in memory, in order, for replay.
 */
public final class Journal implements AutoCloseable {

    private static final String PROGRESS = "replayed-seq";

    private record Pending(JournalEntry entry, int bytes) {
    }

    private final Path dir;
    private final JournalCodec codec;
    private final long maxBytes;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final TreeMap<Long, Long> segmentLastSeq = new TreeMap<>();
    private FileChannel active;
    private long activeFirstSeq;
    private long nextSeq;
    private long bytes;

    private Journal(Path dir, JournalCodec codec, long maxBytes) {
        this.dir = dir;
        this.codec = codec;
        this.maxBytes = maxBytes;
    }

    /** Opens the journal directory and loads every entry not yet replayed. */
    public static Journal open(Path dir, ObjectMapper mapper, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        Journal journal = new Journal(dir, new JournalCodec(mapper), maxBytes);
        journal.load();
        return journal;
    }

    private void load() throws IOException {
        long replayed = readProgress();
        nextSeq = replayed + 1;
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
        for (int s = 0; s < segments.size(); s++) {
            Path segment = segments.get(s);
            List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
            long first = firstSeqOf(segment);
            long last = first - 1;
            for (int i = 0; i < lines.size(); i++) {
                JournalEntry entry;
                try {
                    entry = codec.decode(lines.get(i));
                } catch (IOException | RuntimeException e) {
                    if (s == segments.size() - 1 && i == lines.size() - 1) {
                        Log.warnf("journal %s ends in a torn line (never acknowledged); ignoring it", segment);
                        break;
                    }
                    throw new IllegalStateException("journal segment " + segment + " line " + (i + 1)
                            + " is unreadable; refusing to start rather than lose acknowledged writes", e);
                }
                last = entry.seq();
                nextSeq = Math.max(nextSeq, entry.seq() + 1);
                if (entry.seq() > replayed) {
                    int size = lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
                    pending.add(new Pending(entry, size));
                    bytes += size;
                }
            }
            segmentLastSeq.put(first, last);
        }
        deleteReplayedSegments(replayed);
        if (!pending.isEmpty()) {
            Log.warnf("journal %s holds %d writes not yet replayed (%d bytes)", dir, pending.size(), bytes);
        }
    }

    /**
     * Appends the entry built for the next sequence number and forces it to disk; only then may the write be
     * acknowledged. Fails with {@link JournalFull} past the byte cap, writing nothing.
     */
    public synchronized JournalEntry append(LongFunction<JournalEntry> entryForSeq) throws IOException {
        JournalEntry entry = entryForSeq.apply(nextSeq);
        byte[] line = codec.encode(entry);
        if (bytes + line.length > maxBytes) {
            throw new JournalFull(bytes, maxBytes);
        }
        if (active == null) {
            activeFirstSeq = entry.seq();
            active = FileChannel.open(segmentPath(activeFirstSeq), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            forceDirectory();
        }
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            active.write(buffer);
        }
        active.force(false);
        segmentLastSeq.put(activeFirstSeq, entry.seq());
        pending.add(new Pending(entry, line.length));
        bytes += line.length;
        nextSeq++;
        return entry;
    }

    /** Entries not yet replayed, oldest first. */
    public synchronized List<JournalEntry> pending() {
        List<JournalEntry> entries = new ArrayList<>(pending.size());
        pending.forEach(p -> entries.add(p.entry()));
        return entries;
    }

    /** Records that every entry up to {@code seq} reached the store (or was kept as a conflict). */
    public synchronized void markReplayed(long seq) throws IOException {
        Path temp = dir.resolve(PROGRESS + ".tmp");
        Files.writeString(temp, Long.toString(seq), StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, dir.resolve(PROGRESS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        while (!pending.isEmpty() && pending.peekFirst().entry().seq() <= seq) {
            bytes -= pending.pollFirst().bytes();
        }
        deleteReplayedSegments(seq);
    }

    private void deleteReplayedSegments(long replayed) throws IOException {
        var done = new ArrayList<Long>();
        segmentLastSeq.forEach((first, last) -> {
            if (last <= replayed) {
                done.add(first);
            }
        });
        for (Long first : done) {
            if (active != null && first == activeFirstSeq) {
                active.close();
                active = null;
            }
            Files.deleteIfExists(segmentPath(first));
            segmentLastSeq.remove(first);
        }
        if (!done.isEmpty()) {
            forceDirectory();
        }
    }

    public synchronized int depth() {
        return pending.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        if (active != null) {
            active.close();
            active = null;
        }
    }

    private long readProgress() throws IOException {
        Path progress = dir.resolve(PROGRESS);
        return Files.exists(progress) ? Long.parseLong(Files.readString(progress).trim()) : 0;
    }

    private Path segmentPath(long firstSeq) {
        return dir.resolve(String.format("segment-%020d.ndjson", firstSeq));
    }

    private static long firstSeqOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring("segment-".length(), name.length() - ".ndjson".length()));
    }

    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
