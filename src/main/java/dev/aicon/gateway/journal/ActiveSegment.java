package dev.aicon.gateway.journal;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The segment appends go to: each line is written and forced to disk before it counts; a failed write is cut off
 * again, and a segment that cannot be cut back takes no more appends. The {@link Journal} guards it.
 */
final class ActiveSegment implements AutoCloseable {

    private final FileChannel channel;
    private final Segments.Segment segment;
    private boolean usable = true;

    private ActiveSegment(FileChannel channel, Segments.Segment segment) {
        this.channel = channel;
        this.segment = segment;
    }

    /** Creates the file of the segment beginning at {@code first} and makes its name durable. */
    static ActiveSegment create(Segments segments, long first) throws IOException {
        FileChannel channel =
                FileChannel.open(segments.path(first), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Segments.Segment segment = new Segments.Segment(first);
        segments.add(segment);
        segments.forceDirectory();
        return new ActiveSegment(channel, segment);
    }

    /** Writes and forces {@code line} (entry {@code seq}); returns its offset. */
    long append(byte[] line, long seq) throws IOException {
        long offset = segment.size;
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            cutBack(offset);
            throw e;
        }
        segment.size += line.length;
        segment.last = seq;
        return offset;
    }

    private void cutBack(long offset) {
        try {
            channel.truncate(offset);
            channel.position(offset);
        } catch (IOException e) {
            Log.errorf(
                    "journal segment %d: a failed append could not be cut off (%s); the next one opens a new "
                            + "segment",
                    segment.first, e.toString());
            usable = false;
        }
    }

    /** Whether the next append should go here rather than to a new segment. */
    boolean takes(long segmentBytes) {
        return usable && segment.size < segmentBytes;
    }

    long first() {
        return segment.first;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            Log.warnf("journal segment %d: closing failed: %s", segment.first, e.toString());
        }
    }
}
