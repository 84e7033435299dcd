package dev.aicon.gateway.journal;

import io.quarkus.logging.Log;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads one segment at start, line by line, checking that every entry decodes. A last line never acknowledged (no
 * newline, or undecodable at the very end of the journal) is cut off the file; damage anywhere else stops the
 * start rather than lose acknowledged writes.
 */
final class SegmentScan {

    private final JournalCodec codec;
    private final Path file;
    private final boolean lastSegment;

    SegmentScan(JournalCodec codec, Path file, boolean lastSegment) {
        this.codec = codec;
        this.file = file;
        this.lastSegment = lastSegment;
    }

    /** Hands each entry's reference to {@code entries}; returns the segment as far as it holds whole entries. */
    Segments.Segment scan(Consumer<EntryRef> entries) throws IOException {
        Segments.Segment segment = new Segments.Segment(Segments.firstSeqOf(file));
        try (SegmentLines lines = new SegmentLines(file, 0, Files.size(file))) {
            SegmentLines.Line line = lines.next();
            int number = 1;
            while (line != null) {
                SegmentLines.Line following = lines.next();
                JournalEntry entry = decode(line, following == null, number);
                if (entry == null) {
                    cutOff(line.offset());
                    break;
                }
                EntryRef ref = EntryRef.of(entry, segment.first, line.offset(), line.bytes().length);
                segment.last = entry.seq();
                segment.size = line.offset() + ref.bytes();
                entries.accept(ref);
                line = following;
                number++;
            }
        }
        return segment;
    }

    /** The line's entry; null when the line is a torn write that was never acknowledged. */
    private @Nullable JournalEntry decode(SegmentLines.Line line, boolean lastLine, int number) {
        if (!line.terminated()) {
            return null;
        }
        try {
            return codec.decode(line.bytes());
        } catch (IOException | RuntimeException e) {
            if (lastSegment && lastLine) {
                return null;
            }
            throw new IllegalStateException(
                    "journal segment " + file + " line " + number
                            + " is unreadable; refusing to start rather than lose acknowledged writes",
                    e);
        }
    }

    private void cutOff(long offset) throws IOException {
        Log.warnf("journal %s ends in a torn line (never acknowledged); cutting it off", file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
            channel.force(true);
        }
    }
}
