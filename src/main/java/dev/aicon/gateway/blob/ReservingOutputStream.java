package dev.aicon.gateway.blob;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on to a file under a disk quota, reserving them in the quota 1 MiB at a time before they are written,
 * and fails with {@link CapPassed} once more than {@code cap} bytes were written. The owner releases
 * {@link #reserved()} when the file goes.
 */
final class ReservingOutputStream extends FilterOutputStream {

    private static final long STEP = 1024 * 1024;

    private final DiskQuota quota;
    private final long cap;
    private long written;
    private long reserved;

    ReservingOutputStream(OutputStream out, DiskQuota quota, long cap) {
        super(out);
        this.quota = quota;
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

    long reserved() {
        return reserved;
    }

    private void count(int length) throws CapPassed {
        written += length;
        if (written > cap) {
            throw new CapPassed();
        }
        if (written > reserved) {
            long more = Math.min(Math.max(STEP, written - reserved), cap - reserved);
            quota.reserve(more);
            reserved += more;
        }
    }

    /** The output passed the cap; what was written is incomplete. */
    static final class CapPassed extends IOException {
        CapPassed() {
            super("the output passed its cap", null);
        }
    }
}
