package dev.aicon.gateway.support;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A request body made up as it is read: deterministic incompressible bytes, optionally in pieces of at most
 * {@code piece} bytes with a pause before each, so a test holds none of it and can make an upload last.
 */
public final class GeneratedBody extends InputStream {

    private final SplittableRandom random = new SplittableRandom(42);
    private final int piece;
    private final long pauseMillis;
    private long left;

    private GeneratedBody(long size, int piece, long pauseMillis) {
        this.left = size;
        this.piece = piece;
        this.pauseMillis = pauseMillis;
    }

    /** {@code size} bytes as fast as they are read. */
    public static InputStream of(long size) {
        return new GeneratedBody(size, Integer.MAX_VALUE, 0);
    }

    /** {@code size} bytes, {@code piece} at a time, {@code pauseMillis} apart. */
    public static InputStream slow(long size, int piece, long pauseMillis) {
        return new GeneratedBody(size, piece, pauseMillis);
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
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int n = (int) Math.min(Math.min(length, piece), left);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = (byte) random.nextInt(256);
        }
        left -= n;
        return n;
    }
}
