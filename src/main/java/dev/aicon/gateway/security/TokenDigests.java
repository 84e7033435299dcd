package dev.aicon.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of presented tokens, and constant-time comparison of digests: a token is never compared as text. */
final class TokenDigests {

    private TokenDigests() {}

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Lower-case hex, the form {@code ApiKeyDirectory} stores and looks up. */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Constant time in the content ({@link MessageDigest#isEqual}); a malformed stored hash never matches. */
    static boolean sameHex(String storedHex, byte[] digest) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHex.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MessageDigest.isEqual(stored, digest);
    }
}
