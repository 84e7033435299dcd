package dev.aicon.gateway.security;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An RSA key made for the tests, its JWKS in a file the gateway reads ({@code aicon.security.jwt.jwks-location}),
 * and JWTs signed with it. The key lives on disk, so the profile (before the start) and the test (in another class
 * loader) share it; a second, unpublished key signs the tokens that must be refused.
 */
final class TestJwts {

    static final Path DIR = Path.of("target", "test-data", "jwt");
    static final Path JWKS = DIR.resolve("jwks.json");
    static final String ISSUER = "https://issuer.test.invalid";
    static final String AUDIENCE = "aicon-gateway-test";
    private static final Path PRIVATE = DIR.resolve("private.der");

    private TestJwts() {}

    /** Writes the key and its JWKS once; later calls reuse them. */
    static synchronized void ensureKeys() {
        try {
            if (Files.exists(PRIVATE) && Files.exists(JWKS)) {
                return;
            }
            Files.createDirectories(DIR);
            KeyPair pair = newPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"test\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                    + base64Url(publicKey.getModulus()) + "\",\"e\":\"" + base64Url(publicKey.getPublicExponent())
                    + "\"}]}";
            Files.writeString(JWKS, jwks);
            Files.write(PRIVATE, pair.getPrivate().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String token(String subject, String tenant, List<String> roles) {
        return token(
                subject,
                Map.of("tenant", tenant, "roles", roles),
                AUDIENCE,
                Instant.now().plusSeconds(300),
                key());
    }

    static String token(String subject, Map<String, Object> claims, String audience, Instant expires, PrivateKey key) {
        var builder = Jwt.issuer(ISSUER).subject(subject).audience(audience).expiresAt(expires);
        claims.forEach(builder::claim);
        return builder.jws().keyId("test").sign(key);
    }

    static PrivateKey key() {
        ensureKeys();
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(PRIVATE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey otherKey() {
        return newPair().getPrivate();
    }

    private static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
