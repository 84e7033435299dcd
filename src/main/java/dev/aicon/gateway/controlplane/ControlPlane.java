package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * The control plane's use cases: tenants, API keys and reading the audit trail. Who may call each is decided above
 * (the api layer checks roles and the caller's own tenant); the rules of the values themselves are kept here.
 */
@ApplicationScoped
public class ControlPlane {

    /** Longest key name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    private final ControlPlaneStore store;
    private final Clock clock;

    @Inject
    ControlPlane(ControlPlaneStore store) {
        this(store, Clock.systemUTC());
    }

    public ControlPlane(ControlPlaneStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Creates the tenant {@code rawId}: 400 on an id against the rule, 409 when it exists. */
    public Uni<TenantRecord> createTenant(@Nullable String rawId) {
        TenantId id = tenantId(rawId);
        Instant now = now();
        return store.createTenant(id, now).map(created -> {
            if (!created) {
                throw ControlPlaneFailure.tenantExists(id);
            }
            return new TenantRecord(id, now);
        });
    }

    public Uni<List<TenantRecord>> tenants() {
        return store.listTenants();
    }

    /**
     * Issues a key of {@code tenant} with {@code roles}: {@code operator} only when {@code byOperator}. The key is
     * in the answer only; the store keeps its hash.
     */
    public Uni<IssuedKey> issueKey(
            TenantId tenant, Set<Role> roles, @Nullable String name, @Nullable Instant expires, boolean byOperator) {
        if (roles.isEmpty()) {
            throw ControlPlaneFailure.malformed("roles must name at least one of reader, writer, admin, operator");
        }
        if (roles.contains(Role.OPERATOR) && !byOperator) {
            throw ControlPlaneFailure.roleNotGrantable(Role.OPERATOR.wireName());
        }
        String keyName = name == null ? "" : name;
        if (keyName.length() > MAX_NAME_LENGTH || keyName.chars().anyMatch(Character::isISOControl)) {
            throw ControlPlaneFailure.malformed(
                    "name must be at most " + MAX_NAME_LENGTH + " characters without control characters");
        }
        Instant now = now();
        if (expires != null && !expires.isAfter(now)) {
            throw ControlPlaneFailure.malformed("expires_at must be in the future");
        }
        String keyId = ApiKeySecrets.newKeyId();
        String key = ApiKeySecrets.newKey(keyId);
        ApiKeyRecord record = new ApiKeyRecord(
                keyId,
                tenant,
                roles,
                keyName,
                ApiKeySecrets.sha256Hex(key),
                now,
                expires == null ? null : expires.truncatedTo(ChronoUnit.MICROS),
                null);
        return existing(tenant).chain(() -> store.addKey(record)).map(done -> new IssuedKey(record, key));
    }

    /** The keys of {@code tenant} (metadata; a record's hash is for the api layer to leave out). */
    public Uni<List<ApiKeyRecord>> keys(TenantId tenant) {
        return existing(tenant).chain(() -> store.listKeys(tenant));
    }

    /** Revokes the key {@code keyId} of {@code tenant}: 404 when the tenant or the key is unknown. */
    public Uni<Void> revokeKey(TenantId tenant, String keyId) {
        if (!ApiKeySecrets.isKeyId(keyId)) {
            return Uni.createFrom().failure(ControlPlaneFailure.keyNotFound(tenant, keyId));
        }
        return existing(tenant)
                .chain(() -> store.revokeKey(tenant, keyId, now()))
                .map(revoked -> {
                    if (!revoked) {
                        throw ControlPlaneFailure.keyNotFound(tenant, keyId);
                    }
                    return null;
                });
    }

    public Uni<AuditPage> audit(AuditQuery query) {
        return store.query(query);
    }

    /** {@code raw} as a tenant id, or a 400 naming the rule. */
    public static TenantId tenantId(@Nullable String raw) {
        if (raw == null || !TenantId.isValid(raw)) {
            throw ControlPlaneFailure.malformed(TenantId.rule());
        }
        return new TenantId(raw);
    }

    private Uni<Void> existing(TenantId tenant) {
        return store.findTenant(tenant).map(found -> {
            if (found.isEmpty()) {
                throw ControlPlaneFailure.tenantNotFound(tenant);
            }
            return null;
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
