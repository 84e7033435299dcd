package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;

/** The API keys as kept by a backend: added once, listed per tenant, revoked, found by hash. */
public interface ApiKeyStore extends ApiKeyDirectory {

    /** Adds {@code key} (its tenant exists; its key id and hash are new). */
    Uni<Void> addKey(ApiKeyRecord key);

    /** The keys of {@code tenant}, oldest first, revoked and expired ones included. */
    Uni<List<ApiKeyRecord>> listKeys(TenantId tenant);

    /**
     * Marks the key {@code keyId} of {@code tenant} revoked at {@code at} (an already revoked key keeps its first
     * revocation time): false when {@code tenant} holds no such key.
     */
    Uni<Boolean> revokeKey(TenantId tenant, String keyId, Instant at);
}
