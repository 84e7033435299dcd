package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.EventQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads and prunes the {@code aicon_events} outbox; the write statements fill it. */
final class PostgresOutbox {

    private static final int PRUNE_BATCH = 10_000;

    private final TenantScope tenants;

    PostgresOutbox(TenantScope tenants) {
        this.tenants = tenants;
    }

    Uni<List<ChangeEvent>> events(EventQuery query) {
        Tuple parameters = Tuple.of(query.afterId(), query.upToId());
        if (query.tenant() != null) {
            parameters.addString(query.tenant().value());
        }
        if (query.aiconId() != null) {
            parameters.addString(query.aiconId());
        }
        if (query.aiconType() != null) {
            parameters.addString(query.aiconType());
        }
        parameters.addInteger(query.limit());
        String sql = AIconSql.events(query.tenant() != null, query.aiconId() != null, query.aiconType() != null);
        TenantId tenant = query.tenant();
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> rowsOf = tenant == null
                ? tenants.executeAcrossTenants(sql, parameters)
                : tenants.execute(tenant, sql, parameters);
        return rowsOf.map(rows -> {
            List<ChangeEvent> events = new ArrayList<>(rows.size());
            rows.forEach(row -> events.add(toEvent(row)));
            return events;
        });
    }

    private static ChangeEvent toEvent(Row row) {
        return new ChangeEvent(
                row.getLong(0),
                new TenantId(row.getString(1)),
                row.getString(2),
                row.getString(3),
                ChangeKind.valueOf(row.getString(4)),
                row.getLong(5),
                Timestamps.format(row.getOffsetDateTime(6).toInstant()));
    }

    Uni<AIconStore.EventRange> range() {
        return tenants.executeAcrossTenants(AIconSql.EVENT_RANGE, Tuple.tuple()).map(rows -> {
            Row row = rows.iterator().next();
            return new AIconStore.EventRange(row.getLong(0), row.getLong(1));
        });
    }

    Uni<Long> prune(Instant keepAfter) {
        return PostgresBatches.deleteAll(
                tenants,
                AIconSql.PRUNE_EVENTS,
                Tuple.of(OffsetDateTime.ofInstant(keepAfter, ZoneOffset.UTC), PRUNE_BATCH),
                PRUNE_BATCH);
    }
}
