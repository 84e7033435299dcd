package dev.aicon.gateway.store.memory;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.VersionEntry;
import dev.aicon.gateway.store.Current;
import dev.aicon.gateway.store.HistoryRetention;
import dev.aicon.gateway.store.HistoryRules;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import dev.aicon.gateway.store.VersionPage;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps AIcons, their history and the outbox in process memory only; nothing survives a restart. Each tenant has its
 * own maps ({@link Tenant}), so an id in one tenant never meets the same id in another.
 */
public class MemoryAIconStore implements InProcessEvents {

    private record Recorded(AIcon aicon, ChangeKind kind) {}

    /** The AIcons, history and tombstones of one tenant. */
    private static final class Tenant {
        private final ConcurrentNavigableMap<String, AIcon> aicons = new ConcurrentSkipListMap<>();
        private final Map<String, ConcurrentNavigableMap<Long, Recorded>> history = new ConcurrentHashMap<>();
        /** The version each deleted id's last delete consumed, until the id is created again. */
        private final Map<String, Long> tombstones = new ConcurrentHashMap<>();
    }

    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

    private final InProcessOutbox outbox;
    private final boolean recordHistory;

    public MemoryAIconStore(boolean recordHistory, int outboxMaxEvents) {
        this.recordHistory = recordHistory;
        this.outbox = new InProcessOutbox(outboxMaxEvents);
    }

    private Tenant of(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, t -> new Tenant());
    }

    @Override
    public Uni<Optional<AIcon>> get(TenantId tenant, String id) {
        return Uni.createFrom().item(() -> Optional.ofNullable(of(tenant).aicons.get(id)));
    }

    @Override
    public Uni<Map<String, AIcon>> getAll(TenantId tenant, List<String> ids) {
        return Uni.createFrom().item(() -> {
            Tenant t = of(tenant);
            Map<String, AIcon> found = new LinkedHashMap<>();
            ids.forEach(id -> Optional.ofNullable(t.aicons.get(id)).ifPresent(aicon -> found.put(id, aicon)));
            return found;
        });
    }

    @Override
    public Uni<Map<String, Current>> currentAll(TenantId tenant, List<String> ids) {
        return Uni.createFrom().item(() -> {
            synchronized (this) {
                Tenant t = of(tenant);
                Map<String, Current> found = new LinkedHashMap<>();
                ids.forEach(id -> found.put(id, currentOf(t, id)));
                return found;
            }
        });
    }

    private static Current currentOf(Tenant tenant, String id) {
        AIcon stored = tenant.aicons.get(id);
        return stored != null ? Current.stored(stored) : Current.deleted(tenant.tombstones.getOrDefault(id, 0L));
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        return Uni.createFrom().item(() -> {
            synchronized (this) {
                return apply(write);
            }
        });
    }

    @Override
    public Uni<List<AIcon>> writeAll(List<StoreWrite> writes) {
        return Uni.createFrom().item(() -> {
            synchronized (this) {
                writes.forEach(this::check);
                List<AIcon> written = new ArrayList<>(writes.size());
                writes.forEach(write -> written.add(apply(write)));
                return written;
            }
        });
    }

    private AIcon apply(StoreWrite write) {
        AIcon next = write.next();
        check(write);
        Tenant t = of(write.tenant());
        t.aicons.put(next.id(), next);
        t.tombstones.remove(next.id());
        if (recordHistory) {
            t.history
                    .computeIfAbsent(next.id(), id -> new ConcurrentSkipListMap<>())
                    .put(next.version(), new Recorded(next, write.kind()));
        }
        outbox.append(write.tenant(), next, write.kind());
        return next;
    }

    /** The AIcon is at the expected version; a create is stamped with the version after the id's tombstone. */
    private void check(StoreWrite write) {
        String id = write.next().id();
        Current current = currentOf(of(write.tenant()), id);
        long stored = current.aicon().map(AIcon::version).orElse(0L);
        if (stored != write.expectedVersion()
                || (write.creates() && write.next().version() != current.nextVersion())) {
            throw new VersionConflict(id, write.expectedVersion());
        }
    }

    @Override
    public Uni<Void> delete(TenantId tenant, String id, long expectedVersion) {
        return Uni.createFrom().item(() -> {
            synchronized (this) {
                Tenant t = of(tenant);
                AIcon current = t.aicons.get(id);
                if (current == null || current.version() != expectedVersion) {
                    throw new VersionConflict(id, expectedVersion);
                }
                t.tombstones.put(id, expectedVersion + 1);
                t.aicons.remove(id);
                t.history.remove(id);
                outbox.append(tenant, current, ChangeKind.deleted);
                return null;
            }
        });
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        return Uni.createFrom().item(() -> {
            var aicons = of(query.tenant()).aicons;
            var from = query.afterId() == null ? aicons : aicons.tailMap(query.afterId(), false);
            List<AIconSummary> fetched = from.values().stream()
                    .map(AIcon::summary)
                    .filter(query::matches)
                    .limit(query.limit() + 1L)
                    .toList();
            return Page.of(fetched, query.limit());
        });
    }

    @Override
    public Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit) {
        return Uni.createFrom().item(() -> {
            var recorded = of(tenant)
                    .history
                    .getOrDefault(id, new ConcurrentSkipListMap<>())
                    .headMap(beforeVersion, false)
                    .descendingMap()
                    .values();
            List<VersionEntry> fetched = recorded.stream()
                    .limit(limit + 1L)
                    .map(r -> new VersionEntry(r.aicon().version(), r.aicon().updatedAt(), r.kind()))
                    .toList();
            return VersionPage.of(fetched, limit);
        });
    }

    @Override
    public Uni<Optional<AIcon>> version(TenantId tenant, String id, long version) {
        return Uni.createFrom()
                .item(() -> Optional.ofNullable(of(tenant)
                                .history
                                .getOrDefault(id, new ConcurrentSkipListMap<>())
                                .get(version))
                        .map(Recorded::aicon));
    }

    @Override
    public Uni<Long> pruneHistory(HistoryRetention retention) {
        return Uni.createFrom().item(() -> {
            long removed = 0;
            for (Tenant tenant : tenants.values()) {
                removed += prune(tenant, retention);
            }
            return removed;
        });
    }

    private long prune(Tenant tenant, HistoryRetention retention) {
        long removed = 0;
        for (var entry : tenant.history.entrySet()) {
            synchronized (this) {
                AIcon current = tenant.aicons.get(entry.getKey());
                for (Recorded recorded : List.copyOf(entry.getValue().values())) {
                    if (current == null
                            || HistoryRules.prunes(
                                    retention,
                                    current.version(),
                                    recorded.aicon().version(),
                                    Timestamps.parse(Objects.requireNonNull(
                                                    recorded.aicon().updatedAt()))
                                            .toInstant())) {
                        entry.getValue().remove(recorded.aicon().version());
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    @Override
    public InProcessOutbox outbox() {
        return outbox;
    }

    @Override
    public Uni<Void> ping() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public String backend() {
        return "memory";
    }
}
