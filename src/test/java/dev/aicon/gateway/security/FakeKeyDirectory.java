package dev.aicon.gateway.security;

import dev.aicon.gateway.controlplane.ApiKeyDirectory;
import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link ApiKeyDirectory} for the security tests, selected by {@link SecurityProfile} only (so the
 * control plane's real directory serves every other test). It holds one key per role of tenant {@code default},
 * one writer of tenant {@code acme}, and keys the tests revoke or let expire. Keys are obviously fake.
 */
@Alternative
@ApplicationScoped
public class FakeKeyDirectory implements ApiKeyDirectory {

    public static final String READER = "test-reader-key-not-a-secret-0000000000";
    public static final String WRITER = "test-writer-key-not-a-secret-0000000000";
    public static final String ADMIN = "test-admin-key-not-a-secret-00000000000";
    public static final String OPERATOR = "test-operator-key-not-a-secret-00000000";
    public static final String ACME_WRITER = "test-acme-writer-key-not-a-secret-00000";
    public static final String EXPIRED = "test-expired-key-not-a-secret-000000000";
    public static final String TO_REVOKE = "test-revoked-key-not-a-secret-000000000";

    private final Map<String, ApiKeyRecord> byHash = new ConcurrentHashMap<>();

    public FakeKeyDirectory() {
        add("k-reader", READER, TenantId.DEFAULT, Role.READER, null);
        add("k-writer", WRITER, TenantId.DEFAULT, Role.WRITER, null);
        add("k-admin", ADMIN, TenantId.DEFAULT, Role.ADMIN, null);
        add("k-operator", OPERATOR, TenantId.DEFAULT, Role.OPERATOR, null);
        add("k-acme-writer", ACME_WRITER, new TenantId("acme"), Role.WRITER, null);
        add("k-expired", EXPIRED, TenantId.DEFAULT, Role.WRITER, Instant.now().minusSeconds(60));
        add("k-to-revoke", TO_REVOKE, TenantId.DEFAULT, Role.WRITER, null);
    }

    private void add(String keyId, String key, TenantId tenant, Role role, Instant expires) {
        String hash = TokenDigests.hex(TokenDigests.sha256(key));
        byHash.put(hash, new ApiKeyRecord(keyId, tenant, Set.of(role), keyId, hash, Instant.now(), expires, null));
    }

    /** Revokes the key {@link #TO_REVOKE}, as the control plane's DELETE would. */
    public void revoke() {
        byHash.replaceAll((hash, key) -> key.keyId().equals("k-to-revoke")
                ? new ApiKeyRecord(
                        key.keyId(),
                        key.tenant(),
                        key.roles(),
                        key.name(),
                        key.sha256Hex(),
                        key.created(),
                        key.expires(),
                        Instant.now())
                : key);
    }

    @Override
    public Uni<Optional<ApiKeyRecord>> findByHash(String sha256Hex) {
        return Uni.createFrom().item(Optional.ofNullable(byHash.get(sha256Hex)));
    }
}
