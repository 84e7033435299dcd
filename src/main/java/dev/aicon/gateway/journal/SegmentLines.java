package dev.aicon.gateway.journal;

import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a segment file one line at a time from a given offset up to a given end, holding one line in memory at a
 * time. A last line without its newline is returned with {@code terminated} false.
 */
final class SegmentLines implements AutoCloseable {

    /** One line: where it starts, its bytes without the newline, and whether the newline was there. */
    static final class Line {
        private final long offset;
        private final byte[] bytes;
        private final boolean terminated;

        Line(long offset, byte[] bytes, boolean terminated) {
            this.offset = offset;
            this.bytes = bytes;
            this.terminated = terminated;
        }

        long offset() {
            return offset;
        }

        byte[] bytes() {
            return bytes;
        }

        boolean terminated() {
            return terminated;
        }
    }

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).flip();
    private final long end;
    private long position;

    SegmentLines(Path segment, long offset, long end) throws IOException {
        this.channel = FileChannel.open(segment, StandardOpenOption.READ);
        channel.position(offset);
        this.position = offset;
        this.end = end;
    }

    /** The next line, or null at the end. */
    @Nullable
    Line next() throws IOException {
        if (position >= end) {
            return null;
        }
        long start = position;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (position < end && fill()) {
            byte[] bytes = buffer.array();
            int from = buffer.position();
            int limit = from + (int) Math.min(buffer.remaining(), end - position);
            for (int i = from; i < limit; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, from, i - from);
                    buffer.position(i + 1);
                    position += i + 1 - from;
                    return new Line(start, line.toByteArray(), true);
                }
            }
            line.write(bytes, from, limit - from);
            buffer.position(limit);
            position += limit - from;
        }
        position = end;
        return new Line(start, line.toByteArray(), false);
    }

    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        buffer.clear();
        int read = channel.read(buffer);
        buffer.flip();
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
