package dev.aicon.gateway.controlplane.memory;

import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.controlplane.AuditEntry;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditPage;
import dev.aicon.gateway.controlplane.AuditQuery;
import dev.aicon.gateway.controlplane.ControlPlaneStore;
import dev.aicon.gateway.controlplane.TenantRecord;
import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control plane in process maps ({@code aicon.store.backend=memory}): nothing persists. Keys are found by hash
 * through a map of their own; the audit trail is a map by id, read newest first.
 */
public class MemoryControlPlane implements ControlPlaneStore {

    private final Map<TenantId, TenantRecord> tenants = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyRecord> keysByHash = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, AuditEvent> audit = new ConcurrentSkipListMap<>();
    private final AtomicLong lastAuditId = new AtomicLong();

    public MemoryControlPlane(Instant started) {
        tenants.put(TenantId.DEFAULT, new TenantRecord(TenantId.DEFAULT, started));
    }

    @Override
    public String backend() {
        return "memory";
    }

    @Override
    public Uni<Boolean> createTenant(TenantId id, Instant created) {
        return Uni.createFrom().item(() -> tenants.putIfAbsent(id, new TenantRecord(id, created)) == null);
    }

    @Override
    public Uni<Optional<TenantRecord>> findTenant(TenantId id) {
        return Uni.createFrom().item(() -> Optional.ofNullable(tenants.get(id)));
    }

    @Override
    public Uni<List<TenantRecord>> listTenants() {
        return Uni.createFrom()
                .item(() -> tenants.values().stream()
                        .sorted(Comparator.comparing(tenant -> tenant.id().value()))
                        .toList());
    }

    @Override
    public Uni<Void> addKey(ApiKeyRecord key) {
        return Uni.createFrom().item(() -> {
            if (keysByHash.putIfAbsent(key.sha256Hex(), key) != null) {
                throw new IllegalStateException("a key with this hash exists");
            }
            return null;
        });
    }

    @Override
    public Uni<List<ApiKeyRecord>> listKeys(TenantId tenant) {
        return Uni.createFrom()
                .item(() -> keysByHash.values().stream()
                        .filter(key -> key.tenant().equals(tenant))
                        .sorted(Comparator.comparing(ApiKeyRecord::created).thenComparing(ApiKeyRecord::keyId))
                        .toList());
    }

    @Override
    public Uni<Boolean> revokeKey(TenantId tenant, String keyId, Instant at) {
        return Uni.createFrom().item(() -> {
            for (ApiKeyRecord key : keysByHash.values()) {
                if (key.tenant().equals(tenant) && key.keyId().equals(keyId)) {
                    keysByHash.computeIfPresent(key.sha256Hex(), (hash, current) -> current.revokedAt(at));
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public Uni<Optional<ApiKeyRecord>> findByHash(String sha256Hex) {
        return Uni.createFrom().item(() -> Optional.ofNullable(keysByHash.get(sha256Hex)));
    }

    @Override
    public Uni<Void> append(AuditEvent event) {
        return Uni.createFrom().item(() -> {
            audit.put(lastAuditId.incrementAndGet(), event);
            return null;
        });
    }

    @Override
    public Uni<AuditPage> query(AuditQuery query) {
        return Uni.createFrom().item(() -> {
            Map<Long, AuditEvent> candidates = query.beforeId() == null
                    ? audit.descendingMap()
                    : audit.headMap(query.beforeId(), false).descendingMap();
            List<AuditEntry> matching = new ArrayList<>();
            for (Map.Entry<Long, AuditEvent> stored : candidates.entrySet()) {
                AuditEntry entry = new AuditEntry(stored.getKey(), stored.getValue());
                if (query.matches(entry)) {
                    matching.add(entry);
                    if (matching.size() > query.limit()) {
                        break;
                    }
                }
            }
            return AuditPage.of(matching, query.limit());
        });
    }

    @Override
    public Uni<Long> prune(Instant cutoff) {
        return Uni.createFrom().item(() -> {
            long removed = 0;
            for (Map.Entry<Long, AuditEvent> stored : audit.entrySet()) {
                if (stored.getValue().at().isBefore(cutoff) && audit.remove(stored.getKey(), stored.getValue())) {
                    removed++;
                }
            }
            return removed;
        });
    }
}
