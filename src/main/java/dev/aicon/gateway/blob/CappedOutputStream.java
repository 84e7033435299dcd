package dev.aicon.gateway.blob;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on until more than {@code cap} were written, then fails with {@link CapPassed}. */
final class CappedOutputStream extends FilterOutputStream {

    private final long cap;
    private long written;

    CappedOutputStream(OutputStream out, long cap) {
        super(out);
        this.cap = cap;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        count(length);
        out.write(bytes, offset, length);
    }

    private void count(int length) throws CapPassed {
        written += length;
        if (written > cap) {
            throw new CapPassed();
        }
    }

    /** The output passed the cap; what was written is incomplete. */
    static final class CapPassed extends IOException {
        CapPassed() {
            super("the output passed its cap", null);
        }
    }
}
