package dev.aicon.gateway.support;

import java.io.InputStream;
import java.util.SplittableRandom;

/** A request body made up as it is read: deterministic incompressible bytes, so a test holds none of it. */
public final class GeneratedBody extends InputStream {

    private final SplittableRandom random = new SplittableRandom(42);
    private long left;

    private GeneratedBody(long size) {
        this.left = size;
    }

    /** {@code size} bytes as fast as they are read. */
    public static InputStream of(long size) {
        return new GeneratedBody(size);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (left == 0) {
            return -1;
        }
        int n = (int) Math.min(length, left);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = (byte) random.nextInt(256);
        }
        left -= n;
        return n;
    }
}
