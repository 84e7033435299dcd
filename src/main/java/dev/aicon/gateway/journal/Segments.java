package dev.aicon.gateway.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The segment files of a journal directory ({@code segment-<first seq>.ndjson}): the seqs and the bytes of whole
 * lines each holds. Not thread-safe: the {@link Journal} guards it.
 */
final class Segments {

    /** One segment file: its first seq, its last whole entry's seq and the bytes of its whole lines. */
    static final class Segment {
        final long first;
        long last;
        long size;

        Segment(long first) {
            this.first = first;
            this.last = first - 1;
        }
    }

    /** What a reader may read of one segment: its whole lines up to {@code size}. */
    record Extent(long first, long size) {}

    private final Path dir;
    private final TreeMap<Long, Segment> byFirst = new TreeMap<>();

    Segments(Path dir) {
        this.dir = dir;
    }

    /** The segment files on disk, oldest first. */
    List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-"))
                    .sorted()
                    .toList();
        }
    }

    static long firstSeqOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring("segment-".length(), name.length() - ".ndjson".length()));
    }

    Path path(long first) {
        return dir.resolve(String.format("segment-%020d.ndjson", first));
    }

    void add(Segment segment) {
        byFirst.put(segment.first, segment);
    }

    /** The segments from {@code first} on, as far as they are written now. */
    List<Extent> from(long first) {
        List<Extent> extents = new ArrayList<>();
        byFirst.tailMap(first, true).values().forEach(s -> extents.add(new Extent(s.first, s.size)));
        return extents;
    }

    /** The bytes from {@code fromOffset} in segment {@code from} to {@code toEnd} in segment {@code to}. */
    long bytesBetween(long from, long fromOffset, long to, long toEnd) {
        long total = 0;
        for (Segment segment : byFirst.subMap(from, true, to, true).values()) {
            long start = segment.first == from ? fromOffset : 0;
            long end = segment.first == to ? toEnd : segment.size;
            total += end - start;
        }
        return total;
    }

    /** Deletes the segments whose every entry is at or below {@code replayed}; returns their first seqs. */
    List<Long> deleteReplayed(long replayed) throws IOException {
        List<Long> done = new ArrayList<>();
        for (Segment segment : byFirst.values()) {
            if (segment.last <= replayed) {
                done.add(segment.first);
            }
        }
        for (Long first : done) {
            Files.deleteIfExists(path(first));
            byFirst.remove(first);
        }
        if (!done.isEmpty()) {
            forceDirectory();
        }
        return done;
    }

    void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
