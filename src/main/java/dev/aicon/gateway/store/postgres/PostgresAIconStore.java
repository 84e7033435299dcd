package dev.aicon.gateway.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.CorruptMark;
import dev.aicon.gateway.store.Current;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.HistoryRetention;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import dev.aicon.gateway.store.VersionPage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL through the reactive Vert.x client: one statement per operation, conditional on the version column;
 * history and the outbox are written by the same statements ({@link AIconSql}); after a write commits, other
 * gateways are told through the {@link EventChannel}.
 */
public class PostgresAIconStore implements AIconStore {

    private final Pool pool;
    private final TenantScope tenants;
    private final ObjectMapper mapper;
    private final PostgresWrites writes;
    private final PostgresHistory history;
    private final PostgresOutbox outbox;
    private final EventChannel events;
    /** Damaged rows seen, by tenant and id. */
    private final Map<CorruptKey, Instant> corrupt = new ConcurrentHashMap<>();

    private record CorruptKey(TenantId tenant, String id) {}

    public PostgresAIconStore(Pool pool, ObjectMapper mapper, boolean recordHistory, EventChannel events) {
        this.pool = pool;
        this.tenants = new TenantScope(pool);
        this.mapper = mapper;
        this.writes = new PostgresWrites(mapper, recordHistory);
        this.history = new PostgresHistory(tenants, mapper);
        this.outbox = new PostgresOutbox(tenants);
        this.events = events;
    }

    @Override
    public Uni<Optional<AIcon>> get(TenantId tenant, String id) {
        return tenants.execute(tenant, AIconSql.GET, Tuple.of(tenant.value(), id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(toAIcon(tenant, id, rows.iterator().next(), 0)));
    }

    @Override
    public Uni<Map<String, AIcon>> getAll(TenantId tenant, List<String> ids) {
        return tenants.execute(
                        tenant, AIconSql.GET_ALL, Tuple.of(tenant.value()).addArrayOfString(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, AIcon> found = new LinkedHashMap<>();
                    rows.forEach(row -> found.put(row.getString(0), toAIcon(tenant, row.getString(0), row, 1)));
                    return found;
                });
    }

    @Override
    public Uni<Map<String, Current>> currentAll(TenantId tenant, List<String> ids) {
        Tuple parameters = Tuple.of(tenant.value()).addArrayOfString(ids.toArray(String[]::new));
        return tenants.execute(tenant, AIconSql.CURRENT_ALL, parameters).map(rows -> {
            Map<String, Current> found = new LinkedHashMap<>();
            ids.forEach(id -> found.put(id, Current.deleted(0)));
            rows.forEach(row -> found.put(
                    row.getString(0),
                    row.getString(3) == null
                            ? Current.deleted(row.getLong(1))
                            : Current.stored(toAIcon(tenant, row.getString(0), row, 1))));
            return found;
        });
    }

    /**
     * Reads the document columns of {@link AIconSql#GET} starting at column {@code from}. A row that does not decode
     * as an AIcon is {@link CorruptDocument}, remembered (with when it was first seen) for the operators' listing
     * until it reads well again or is deleted.
     */
    private AIcon toAIcon(TenantId tenant, String id, Row row, int from) {
        AIcon aicon = decode(tenant, id, row, from);
        if (!corrupt.isEmpty()) {
            corrupt.remove(new CorruptKey(tenant, id));
        }
        return aicon;
    }

    private AIcon decode(TenantId tenant, String id, Row row, int from) {
        try {
            ObjectNode attributes = (ObjectNode) mapper.readTree(row.getString(from + 2));
            Map<String, ObjectNode> factors = new LinkedHashMap<>();
            String[] names = row.getArrayOfStrings(from + 3);
            String[] bodies = row.getArrayOfStrings(from + 4);
            for (int i = 0; names != null && i < names.length; i++) {
                factors.put(names[i], (ObjectNode) mapper.readTree(bodies[i]));
            }
            return new AIcon(
                    id,
                    row.getLong(from),
                    Timestamps.format(row.getOffsetDateTime(from + 1).toInstant()),
                    attributes,
                    factors);
        } catch (JsonProcessingException | ClassCastException e) {
            if (corrupt.putIfAbsent(new CorruptKey(tenant, id), Instant.now()) == null) {
                Log.warnf(
                        "AIcon %s of tenant %s: its stored row does not decode as an AIcon (%s); it answers 500 "
                                + "stored-document-corrupt until it is deleted or repaired",
                        id, tenant, e.getClass().getSimpleName());
            }
            throw new CorruptDocument(id, "a stored row is not a JSON object", e);
        }
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        PostgresWrites.Statement statement = writes.statementFor(write);
        return checked(write, tenants.execute(write.tenant(), statement.sql(), statement.parameters()))
                .invoke(events::announce);
    }

    /**
     * One transaction. Rows are written in id order, so two batches over the same AIcons lock them in the same
     * order and never deadlock; a deadlock or serialization failure all the same is a conflict, not an outage.
     */
    @Override
    public Uni<List<AIcon>> writeAll(List<StoreWrite> batch) {
        List<StoreWrite> inIdOrder = batch.stream()
                .sorted(Comparator.comparing(write -> write.next().id()))
                .toList();
        return tenants.inTransaction(
                        batch.get(0).tenant(),
                        connection -> Multi.createFrom()
                                .iterable(inIdOrder)
                                .onItem()
                                .transformToUniAndConcatenate(write -> write(connection, write))
                                .collect()
                                .asList())
                .onFailure(PostgresAIconStore::isConflict)
                .transform(e -> new VersionConflict(
                        batch.get(0).next().id(), batch.get(0).expectedVersion()))
                .invoke(events::announce)
                .map(written -> batch.stream().map(StoreWrite::next).toList());
    }

    /** SQLSTATE 40P01 (deadlock detected) and 40001 (serialization failure): the transaction was rolled back. */
    private static boolean isConflict(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    /** A statement refused by the V5 insert trigger (a delete committed meanwhile) is a conflict too. */
    private Uni<AIcon> write(SqlClient client, StoreWrite write) {
        PostgresWrites.Statement statement = writes.statementFor(write);
        return checked(write, client.preparedQuery(statement.sql()).execute(statement.parameters()));
    }

    private static Uni<AIcon> checked(StoreWrite write, Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> executed) {
        return executed.map(rows -> {
                    if (rows.iterator().next().getLong(0) == 0) {
                        throw new VersionConflict(write.next().id(), write.expectedVersion());
                    }
                    return write.next();
                })
                .onFailure(PostgresAIconStore::isConflict)
                .transform(e -> new VersionConflict(write.next().id(), write.expectedVersion()));
    }

    @Override
    public Uni<Void> delete(TenantId tenant, String id, long expectedVersion) {
        return tenants.execute(tenant, AIconSql.DELETE, Tuple.of(tenant.value(), id, expectedVersion))
                .map(rows -> {
                    if (rows.iterator().next().getLong(0) == 0) {
                        throw new VersionConflict(id, expectedVersion);
                    }
                    return null;
                })
                .invoke(events::announce)
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> discardCorrupt(TenantId tenant, String id) {
        return tenants.execute(tenant, AIconSql.DELETE_ANY_VERSION, Tuple.of(tenant.value(), id))
                .map(rows -> rows.iterator().next().getLong(0) > 0)
                .invoke(deleted -> {
                    corrupt.remove(new CorruptKey(tenant, id));
                    if (deleted) {
                        Log.warnf("AIcon %s of tenant %s: deleted while its stored row was damaged", id, tenant);
                        events.announce();
                    }
                });
    }

    @Override
    public Uni<List<CorruptMark>> corruptDocuments() {
        return Uni.createFrom()
                .item(() -> corrupt.entrySet().stream()
                        .map(e ->
                                new CorruptMark(e.getKey().tenant(), e.getKey().id(), Timestamps.format(e.getValue())))
                        .sorted(Comparator.comparing(
                                        (CorruptMark m) -> m.tenant().value())
                                .thenComparing(CorruptMark::id))
                        .toList());
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        Tuple parameters = Tuple.of(query.tenant().value());
        Optional.ofNullable(query.aiconType()).ifPresent(parameters::addString);
        Optional.ofNullable(query.name()).ifPresent(parameters::addString);
        Optional.ofNullable(query.afterId()).ifPresent(parameters::addString);
        parameters.addInteger(query.limit() + 1);
        String sql = AIconSql.list(query.aiconType() != null, query.name() != null, query.afterId() != null);
        return tenants.execute(query.tenant(), sql, parameters).map(rows -> {
            List<AIconSummary> fetched = new java.util.ArrayList<>(rows.size());
            rows.forEach(row -> fetched.add(new AIconSummary(
                    row.getString(0),
                    row.getString(1),
                    row.getString(2),
                    row.getLong(3),
                    Timestamps.format(row.getOffsetDateTime(4).toInstant()))));
            return Page.of(fetched, query.limit());
        });
    }

    @Override
    public Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit) {
        return history.versions(tenant, id, beforeVersion, limit);
    }

    @Override
    public Uni<Optional<AIcon>> version(TenantId tenant, String id, long version) {
        return history.version(tenant, id, version);
    }

    @Override
    public Uni<Long> pruneHistory(HistoryRetention retention) {
        return history.prune(retention);
    }

    @Override
    public Uni<List<ChangeEvent>> events(EventQuery query) {
        return outbox.events(query);
    }

    @Override
    public Uni<EventRange> eventRange() {
        return outbox.range();
    }

    @Override
    public Uni<Long> pruneEvents(Instant keepAfter) {
        return outbox.prune(keepAfter);
    }

    @Override
    public Multi<Long> eventSignals() {
        return events.signals();
    }

    /** Ids come from a sequence: a statement that took a lower id may commit after one that took a higher. */
    @Override
    public boolean eventsCommitInIdOrder() {
        return false;
    }

    @Override
    public Uni<Void> ping() {
        return pool.query(AIconSql.PING).execute().replaceWithVoid();
    }

    @Override
    public String backend() {
        return "postgres";
    }
}
