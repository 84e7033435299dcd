package dev.aicon.gateway.controlplane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shape of gateway-issued API keys: {@code aik_<key id>_<secret>}, where the key id is 16 hex digits (public) and
 * the secret 32 bytes from {@link SecureRandom} (256 bits) in unpadded base64url. Only the SHA-256 of the whole key
 * is stored, as lower-case hex.
 */
public final class ApiKeySecrets {

    /** Every issued key starts with this. */
    public static final String PREFIX = "aik_";

    private static final int SECRET_BYTES = 32;
    private static final int KEY_ID_BYTES = 8;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    /** A new key id: 16 random hex digits. */
    public static String newKeyId() {
        byte[] id = new byte[KEY_ID_BYTES];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A new key for {@code keyId}, with a fresh 256-bit secret. */
    public static String newKey(String keyId) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The SHA-256 of {@code key}'s UTF-8 bytes, as lower-case hex: what is stored and looked up. */
    public static String sha256Hex(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** True when {@code keyId} could name an issued key (so it is safe in a path, a file and a log line). */
    public static boolean isKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }
}
