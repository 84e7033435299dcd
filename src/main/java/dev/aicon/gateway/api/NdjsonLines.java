package dev.aicon.gateway.api;

import io.vertx.core.buffer.Buffer;

/**
 * Splits a body arriving in buffers into lines ({@code \n}, an optional {@code \r} before it dropped), holding at
 * most one line of at most {@code maxBytes}: the rest of a longer line is skipped and the line reported as over-long.
 * Lines are numbered from 1, blank ones included, so numbers match the client's file.
 */
final class NdjsonLines {

    interface Sink {
        void line(long number, Buffer line);

        void overlong(long number);
    }

    private final long maxBytes;
    private final Sink sink;
    private Buffer current = Buffer.buffer();
    private boolean overlong;
    private long number;

    NdjsonLines(long maxBytes, Sink sink) {
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    void feed(Buffer chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            if (chunk.getByte(i) == '\n') {
                append(chunk, start, i);
                emit();
                start = i + 1;
            }
        }
        append(chunk, start, chunk.length());
    }

    /** The body ended: a last line without a newline is a line too. */
    void end() {
        if (current.length() > 0 || overlong) {
            emit();
        }
    }

    private void append(Buffer chunk, int from, int to) {
        if (overlong || from == to) {
            return;
        }
        if (current.length() + (long) (to - from) > maxBytes + 1) {
            overlong = true;
            current = Buffer.buffer();
            return;
        }
        current.appendBuffer(chunk, from, to - from);
    }

    private void emit() {
        number++;
        int length = current.length();
        if (length > 0 && current.getByte(length - 1) == '\r') {
            length--;
        }
        if (overlong || length > maxBytes) {
            sink.overlong(number);
        } else {
            sink.line(number, current.getBuffer(0, length));
        }
        current = Buffer.buffer();
        overlong = false;
    }
}
