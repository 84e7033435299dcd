package dev.aicon.gateway.store.memory;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Keeps AIcons in process memory only; nothing survives a restart. */
public class MemoryAIconStore implements AIconStore {

    private final ConcurrentNavigableMap<String, AIcon> aicons = new ConcurrentSkipListMap<>();

    @Override
    public Uni<Optional<AIcon>> get(String id) {
        return Uni.createFrom().item(() -> Optional.ofNullable(aicons.get(id)));
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        return Uni.createFrom().item(() -> {
            AIcon next = write.next();
            aicons.compute(next.id(), (id, current) -> {
                long currentVersion = current == null ? 0 : current.version();
                if (currentVersion != write.expectedVersion()) {
                    throw new VersionConflict(id, write.expectedVersion());
                }
                return next;
            });
            return next;
        });
    }

    @Override
    public Uni<Void> delete(String id, long expectedVersion) {
        return Uni.createFrom().item(() -> {
            aicons.compute(id, (key, current) -> {
                if (current == null || current.version() != expectedVersion) {
                    throw new VersionConflict(id, expectedVersion);
                }
                return null;
            });
            return null;
        });
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        return Uni.createFrom().item(() -> {
            var from = query.afterId() == null ? aicons : aicons.tailMap(query.afterId(), false);
            List<AIconSummary> fetched = from.values().stream().map(AIcon::summary).filter(query::matches)
                    .limit(query.limit() + 1L).toList();
            return Page.of(fetched, query.limit());
        });
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
