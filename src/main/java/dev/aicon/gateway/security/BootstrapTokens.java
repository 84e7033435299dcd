package dev.aicon.gateway.security;

import dev.aicon.gateway.config.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bootstrap tokens ({@code aicon.security.bootstrap-token} and {@code bootstrap-token-next}, both accepted so a
 * rotation needs no restart of the clients), kept only as SHA-256 digests and compared in constant time: every
 * configured digest is compared, whatever matched before.
 */
@ApplicationScoped
public class BootstrapTokens {

    /** Shorter tokens are refused at start: a bootstrap token is an operator credential. */
    static final int MIN_LENGTH = 24;

    private final List<byte[]> digests = new ArrayList<>();

    BootstrapTokens(SecurityConfig config) {
        add(config.bootstrapToken(), "aicon.security.bootstrap-token");
        add(config.bootstrapTokenNext(), "aicon.security.bootstrap-token-next");
    }

    private void add(Optional<String> token, String key) {
        Optional<String> set = token.map(String::strip).filter(value -> !value.isEmpty());
        if (set.isEmpty()) {
            return;
        }
        if (set.get().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(key + " is shorter than " + MIN_LENGTH
                    + " characters: use a random secret, e.g. openssl rand -hex 32");
        }
        digests.add(TokenDigests.sha256(set.get()));
    }

    boolean any() {
        return !digests.isEmpty();
    }

    boolean matches(byte[] presentedDigest) {
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presentedDigest);
        }
        return match;
    }
}
