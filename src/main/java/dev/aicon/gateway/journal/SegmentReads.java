package dev.aicon.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads journal entries back from their segment files, one line in memory at a time, without the journal's lock:
 * only whole lines (below the extents the journal handed out) are read, and those never change.
 */
final class SegmentReads {

    private final Segments segments;
    private final JournalCodec codec;

    SegmentReads(Segments segments, JournalCodec codec) {
        this.segments = segments;
        this.codec = codec;
    }

    /** Up to {@code max} entry references, oldest first, from {@code fromOffset} in segment {@code fromSegment}. */
    List<EntryRef> refs(List<Segments.Extent> extents, long fromSegment, long fromOffset, int max) throws IOException {
        List<EntryRef> refs = new ArrayList<>();
        for (Segments.Extent extent : extents) {
            long start = extent.first() == fromSegment ? fromOffset : 0;
            try (SegmentLines lines = new SegmentLines(segments.path(extent.first()), start, extent.size())) {
                for (SegmentLines.Line line = lines.next(); line != null && refs.size() < max; line = lines.next()) {
                    refs.add(EntryRef.of(
                            codec.decode(line.bytes()), extent.first(), line.offset(), line.bytes().length));
                }
            }
            if (refs.size() >= max) {
                break;
            }
        }
        return refs;
    }

    /** The entry {@code ref} points to; empty once its segment is deleted. */
    Optional<JournalEntry> read(EntryRef ref) throws IOException {
        ByteBuffer line = ByteBuffer.allocate(ref.length());
        try (FileChannel channel = FileChannel.open(segments.path(ref.segment()), StandardOpenOption.READ)) {
            while (line.hasRemaining()) {
                if (channel.read(line, ref.offset() + line.position()) < 0) {
                    throw new IOException("journal segment " + ref.segment() + " ends inside entry " + ref.seq());
                }
            }
        } catch (NoSuchFileException replayed) {
            return Optional.empty();
        }
        JournalEntry entry = codec.decode(line.array());
        if (entry.seq() != ref.seq()) {
            throw new IOException("journal entry " + ref.seq() + " was not where it was written");
        }
        return Optional.of(entry);
    }
}
