package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.CorruptMark;
import dev.aicon.gateway.store.Current;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.HistoryRetention;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionPage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL store behind its {@link SchemaMigrations}: every call that reads or writes tables first waits for
 * the schema, so until it is migrated each one fails as an outage ({@code SchemaNotReady}), and the first call
 * that finds the database answering (the journal replayer's ping, a request, the readiness probe) migrates it.
 */
public final class SchemaGatedStore implements AIconStore {

    private final AIconStore delegate;
    private final SchemaMigrations schema;

    public SchemaGatedStore(AIconStore delegate, SchemaMigrations schema) {
        this.delegate = delegate;
        this.schema = schema;
    }

    @Override
    public Uni<Optional<AIcon>> get(TenantId tenant, String id) {
        return schema.ready().chain(() -> delegate.get(tenant, id));
    }

    @Override
    public Uni<Map<String, AIcon>> getAll(TenantId tenant, List<String> ids) {
        return schema.ready().chain(() -> delegate.getAll(tenant, ids));
    }

    @Override
    public Uni<Map<String, Current>> currentAll(TenantId tenant, List<String> ids) {
        return schema.ready().chain(() -> delegate.currentAll(tenant, ids));
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        return schema.ready().chain(() -> delegate.write(write));
    }

    @Override
    public Uni<List<AIcon>> writeAll(List<StoreWrite> writes) {
        return schema.ready().chain(() -> delegate.writeAll(writes));
    }

    @Override
    public Uni<Void> delete(TenantId tenant, String id, long expectedVersion) {
        return schema.ready().chain(() -> delegate.delete(tenant, id, expectedVersion));
    }

    @Override
    public Uni<Boolean> discardCorrupt(TenantId tenant, String id) {
        return schema.ready().chain(() -> delegate.discardCorrupt(tenant, id));
    }

    @Override
    public Uni<List<CorruptMark>> corruptDocuments() {
        return schema.ready().chain(delegate::corruptDocuments);
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        return schema.ready().chain(() -> delegate.list(query));
    }

    @Override
    public Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit) {
        return schema.ready().chain(() -> delegate.versions(tenant, id, beforeVersion, limit));
    }

    @Override
    public Uni<Optional<AIcon>> version(TenantId tenant, String id, long version) {
        return schema.ready().chain(() -> delegate.version(tenant, id, version));
    }

    @Override
    public Uni<Long> pruneHistory(HistoryRetention retention) {
        return schema.ready().chain(() -> delegate.pruneHistory(retention));
    }

    @Override
    public Uni<List<ChangeEvent>> events(EventQuery query) {
        return schema.ready().chain(() -> delegate.events(query));
    }

    @Override
    public Uni<EventRange> eventRange() {
        return schema.ready().chain(delegate::eventRange);
    }

    @Override
    public Uni<Long> pruneEvents(Instant keepAfter) {
        return schema.ready().chain(() -> delegate.pruneEvents(keepAfter));
    }

    /** LISTEN needs no table: signals flow (and are harmless) before the schema exists. */
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
        return schema.ready().chain(delegate::ping);
    }

    @Override
    public String backend() {
        return delegate.backend();
    }
}
