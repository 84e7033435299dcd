package dev.aicon.gateway.controlplane.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aicon.gateway.config.AuditConfig;
import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditPage;
import dev.aicon.gateway.controlplane.AuditQuery;
import dev.aicon.gateway.controlplane.ControlPlaneStore;
import dev.aicon.gateway.controlplane.TenantRecord;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.work.BlockingWork;
import io.smallrye.mutiny.Uni;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The control plane of the embedded default, in files under one directory ({@code <aicon.store.file.dir>/control}):
 * {@code tenants.json} and {@code keys.json}, each replaced whole (temp file, force, move) on every change, and the
 * audit trail's JSON-line segments under {@code audit/}. Tenants and keys are held in memory too, so a lookup by hash
 * reads no file; changes are written on a worker thread, one at a time.
 */
public final class FileControlPlane implements ControlPlaneStore, Closeable {

    static final String TENANTS = "tenants.json";
    static final String KEYS = "keys.json";

    private final Path dir;
    private final ObjectMapper mapper;
    private final FileAuditLog audit;
    private final Object writes = new Object();
    private volatile Map<TenantId, TenantRecord> tenants;
    private volatile Map<String, ApiKeyRecord> keysByHash;

    private FileControlPlane(
            Path dir,
            ObjectMapper mapper,
            FileAuditLog audit,
            Map<TenantId, TenantRecord> tenants,
            Map<String, ApiKeyRecord> keysByHash) {
        this.dir = dir;
        this.mapper = mapper;
        this.audit = audit;
        this.tenants = tenants;
        this.keysByHash = keysByHash;
    }

    /** Opens (creating when missing) the control plane in {@code dir}. Blocking: called at start. */
    public static FileControlPlane open(Path dir, ObjectMapper mapper, AuditConfig config, Instant now)
            throws IOException {
        Files.createDirectories(dir);
        Map<TenantId, TenantRecord> tenants = byId(Map.of());
        Path tenantsFile = dir.resolve(TENANTS);
        if (Files.exists(tenantsFile)) {
            for (JsonNode node : mapper.readTree(tenantsFile.toFile())) {
                TenantRecord tenant = ControlJson.tenant(node);
                tenants.put(tenant.id(), tenant);
            }
        }
        Map<String, ApiKeyRecord> keys = new LinkedHashMap<>();
        Path keysFile = dir.resolve(KEYS);
        if (Files.exists(keysFile)) {
            for (JsonNode node : mapper.readTree(keysFile.toFile())) {
                ApiKeyRecord key = ControlJson.key(node);
                keys.put(key.sha256Hex(), key);
            }
        }
        FileAuditLog audit = new FileAuditLog(
                dir.resolve("audit"),
                mapper,
                config.file().segmentBytes().asLongValue(),
                config.file().maxSegments(),
                config.file().queue());
        FileControlPlane plane = new FileControlPlane(dir, mapper, audit, tenants, keys);
        if (!tenants.containsKey(TenantId.DEFAULT)) {
            Map<TenantId, TenantRecord> withDefault = byId(tenants);
            withDefault.put(TenantId.DEFAULT, new TenantRecord(TenantId.DEFAULT, now));
            plane.saveTenants(withDefault);
        }
        return plane;
    }

    @Override
    public String backend() {
        return "file";
    }

    @Override
    public Uni<Boolean> createTenant(TenantId id, Instant created) {
        return BlockingWork.io(() -> {
            synchronized (writes) {
                if (tenants.containsKey(id)) {
                    return false;
                }
                Map<TenantId, TenantRecord> changed = byId(tenants);
                changed.put(id, new TenantRecord(id, created));
                saveTenants(changed);
                return true;
            }
        });
    }

    @Override
    public Uni<Optional<TenantRecord>> findTenant(TenantId id) {
        return Uni.createFrom().item(() -> Optional.ofNullable(tenants.get(id)));
    }

    @Override
    public Uni<List<TenantRecord>> listTenants() {
        return Uni.createFrom().item(() -> List.copyOf(tenants.values()));
    }

    @Override
    public Uni<Void> addKey(ApiKeyRecord key) {
        return BlockingWork.run(() -> {
            synchronized (writes) {
                if (keysByHash.containsKey(key.sha256Hex())) {
                    throw new IllegalStateException("a key with this hash exists");
                }
                Map<String, ApiKeyRecord> changed = new LinkedHashMap<>(keysByHash);
                changed.put(key.sha256Hex(), key);
                saveKeys(changed);
            }
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
        return BlockingWork.io(() -> {
            synchronized (writes) {
                Map<String, ApiKeyRecord> changed = new LinkedHashMap<>(keysByHash);
                for (ApiKeyRecord key : keysByHash.values()) {
                    if (key.tenant().equals(tenant) && key.keyId().equals(keyId)) {
                        if (key.revoked() == null) {
                            changed.put(key.sha256Hex(), key.revokedAt(at));
                            saveKeys(changed);
                        }
                        return true;
                    }
                }
                return false;
            }
        });
    }

    @Override
    public Uni<Optional<ApiKeyRecord>> findByHash(String sha256Hex) {
        return Uni.createFrom().item(() -> Optional.ofNullable(keysByHash.get(sha256Hex)));
    }

    @Override
    public Uni<Void> append(AuditEvent event) {
        return audit.append(event);
    }

    @Override
    public Uni<AuditPage> query(AuditQuery query) {
        return audit.query(query);
    }

    @Override
    public Uni<Long> prune(Instant cutoff) {
        return audit.prune(cutoff);
    }

    private static Map<TenantId, TenantRecord> byId(Map<TenantId, TenantRecord> tenants) {
        Map<TenantId, TenantRecord> sorted = new TreeMap<>(Comparator.comparing(TenantId::value));
        sorted.putAll(tenants);
        return sorted;
    }

    private void saveTenants(Map<TenantId, TenantRecord> changed) throws IOException {
        ArrayNode array = mapper.createArrayNode();
        changed.values().forEach(tenant -> array.add(ControlJson.tenant(mapper, tenant)));
        AtomicFiles.replace(
                dir.resolve(TENANTS), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
        tenants = changed;
    }

    private void saveKeys(Map<String, ApiKeyRecord> changed) throws IOException {
        ArrayNode array = mapper.createArrayNode();
        changed.values().forEach(key -> array.add(ControlJson.key(mapper, key)));
        AtomicFiles.replace(
                dir.resolve(KEYS), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
        keysByHash = changed;
    }

    @Override
    public void close() {
        audit.close();
    }
}
