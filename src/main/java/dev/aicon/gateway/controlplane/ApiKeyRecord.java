package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Set;

/**
 * A gateway-issued API key as stored: never its secret, only the SHA-256 hash of the whole key, as lower-case hex. {@code keyId} is
 * public (it names the key in the audit and in the revoke URL).
 */
public record ApiKeyRecord(
        String keyId,
        TenantId tenant,
        Set<Role> roles,
        String name,
        String sha256Hex,
        Instant created,
        @Nullable Instant expires,
        @Nullable Instant revoked) {

    public ApiKeyRecord {
        roles = Set.copyOf(roles);
    }

    /** This key revoked at {@code at}; a key revoked before keeps its first revocation time. */
    public ApiKeyRecord revokedAt(Instant at) {
        return revoked != null ? this : new ApiKeyRecord(keyId, tenant, roles, name, sha256Hex, created, expires, at);
    }

    /** True when the key may authenticate at {@code now}: not revoked and not expired. */
    public boolean usableAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }
}
