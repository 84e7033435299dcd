package dev.aicon.gateway.controlplane;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/** Where authentication finds an API key: by the SHA-256 hash of the presented key, through an index. */
public interface ApiKeyDirectory {

    /** The key whose stored hash equals {@code sha256Hex} (lower-case hex), revoked or expired ones included; empty when none. */
    Uni<Optional<ApiKeyRecord>> findByHash(String sha256Hex);
}
