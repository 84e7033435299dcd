package dev.aicon.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Progressive rollout by AIcon id: an id falls in one of 10,000 buckets by a stable hash (the first bytes of its
 * SHA-256), so the same AIcon always lands on the same side, on every replica and after every restart.
 */
public final class Rollout {

    private static final int BUCKETS = 10_000;

    private Rollout() {}

    /** Whether {@code id} is among the {@code percent} percent of ids that get a feature. */
    public static boolean includes(String id, int percent) {
        if (percent >= 100) {
            return true;
        }
        if (percent <= 0) {
            return false;
        }
        return bucketOf(id) < percent * (BUCKETS / 100);
    }

    static int bucketOf(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xffL) << 24)
                    | ((hash[1] & 0xffL) << 16)
                    | ((hash[2] & 0xffL) << 8)
                    | (hash[3] & 0xffL);
            return (int) (value % BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
