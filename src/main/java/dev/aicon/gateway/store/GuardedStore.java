package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.resilience.BackendGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store as the rest of the gateway sees it: every call under the store's {@link BackendGuard}, reads retried,
 * and counted in {@code aicon.store.calls}. A version conflict or a corrupt document is an answer, not a failure.
 */
public class GuardedStore implements AIconStore {

    private final AIconStore delegate;
    private final BackendGuard guard;
    private final Counter gets;
    private final Counter writes;
    private final Counter deletes;
    private final Counter lists;

    public GuardedStore(AIconStore delegate, BackendGuard guard, MeterRegistry registry) {
        this.delegate = delegate;
        this.guard = guard;
        this.gets = registry.counter("aicon.store.calls", "operation", "get");
        this.writes = registry.counter("aicon.store.calls", "operation", "write");
        this.deletes = registry.counter("aicon.store.calls", "operation", "delete");
        this.lists = registry.counter("aicon.store.calls", "operation", "list");
    }

    @Override
    public Uni<Optional<AIcon>> get(TenantId tenant, String id) {
        return guard.read(() -> {
            gets.increment();
            return delegate.get(tenant, id);
        });
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        return guard.write(() -> {
            writes.increment();
            return delegate.write(write);
        });
    }

    @Override
    public Uni<Void> delete(TenantId tenant, String id, long expectedVersion) {
        return guard.write(() -> {
            deletes.increment();
            return delegate.delete(tenant, id, expectedVersion);
        });
    }

    @Override
    public Uni<Boolean> discardCorrupt(TenantId tenant, String id) {
        return guard.write(() -> {
            deletes.increment();
            return delegate.discardCorrupt(tenant, id);
        });
    }

    @Override
    public Uni<List<CorruptMark>> corruptDocuments() {
        return guard.read(delegate::corruptDocuments);
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        return guard.read(() -> {
            lists.increment();
            return delegate.list(query);
        });
    }

    @Override
    public Uni<Map<String, AIcon>> getAll(TenantId tenant, List<String> ids) {
        return guard.read(() -> {
            gets.increment();
            return delegate.getAll(tenant, ids);
        });
    }

    @Override
    public Uni<Map<String, Current>> currentAll(TenantId tenant, List<String> ids) {
        return guard.read(() -> {
            gets.increment();
            return delegate.currentAll(tenant, ids);
        });
    }

    @Override
    public Uni<List<AIcon>> writeAll(List<StoreWrite> batch) {
        return guard.write(() -> {
            writes.increment();
            return delegate.writeAll(batch);
        });
    }

    @Override
    public Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit) {
        return guard.read(() -> delegate.versions(tenant, id, beforeVersion, limit));
    }

    @Override
    public Uni<Optional<AIcon>> version(TenantId tenant, String id, long version) {
        return guard.read(() -> delegate.version(tenant, id, version));
    }

    /** Maintenance runs outside the request guard: its duration is not a request timeout. */
    @Override
    public Uni<Long> pruneHistory(HistoryRetention retention) {
        return delegate.pruneHistory(retention);
    }

    @Override
    public Uni<List<ChangeEvent>> events(EventQuery query) {
        return guard.read(() -> delegate.events(query));
    }

    @Override
    public Uni<EventRange> eventRange() {
        return guard.read(delegate::eventRange);
    }

    @Override
    public Uni<Long> pruneEvents(Instant keepAfter) {
        return delegate.pruneEvents(keepAfter);
    }

    @Override
    public Multi<Long> eventSignals() {
        return delegate.eventSignals();
    }

    @Override
    public boolean eventsCommitInIdOrder() {
        return delegate.eventsCommitInIdOrder();
    }

    @Override
    public Uni<Void> ping() {
        return guard.read(delegate::ping);
    }

    @Override
    public String backend() {
        return delegate.backend();
    }

    AIconStore delegate() {
        return delegate;
    }

    public BackendGuard guard() {
        return guard;
    }
}
