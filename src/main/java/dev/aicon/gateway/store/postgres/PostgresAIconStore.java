package dev.aicon.gateway.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PostgreSQL through the reactive Vert.x client: one statement per operation, conditional on the version column. */
public class PostgresAIconStore implements AIconStore {

    private final Pool pool;
    private final ObjectMapper mapper;

    public PostgresAIconStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    @Override
    public Uni<Optional<AIcon>> get(String id) {
        return pool.preparedQuery(AIconSql.GET).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            return Optional.of(toAIcon(id, rows.iterator().next()));
        });
    }

    private AIcon toAIcon(String id, Row row) {
        try {
            ObjectNode attributes = (ObjectNode) mapper.readTree(row.getString(2));
            Map<String, ObjectNode> factors = new LinkedHashMap<>();
            String[] names = row.getArrayOfStrings(3);
            String[] bodies = row.getArrayOfStrings(4);
            for (int i = 0; names != null && i < names.length; i++) {
                factors.put(names[i], (ObjectNode) mapper.readTree(bodies[i]));
            }
            return new AIcon(id, row.getLong(0), Timestamps.format(row.getOffsetDateTime(1).toInstant()), attributes,
                    factors);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new CorruptDocument(id, "a stored row is not a JSON object", e);
        }
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        AIcon next = write.next();
        OffsetDateTime updatedAt = Timestamps.parse(next.updatedAt());
        Uni<Integer> affected;
        StoreWrite.Change change = write.change();
        if (change instanceof StoreWrite.FactorPut put) {
            affected = rowCount(AIconSql.FACTOR_PUT, Tuple.of(next.id(), next.version(), updatedAt,
                    write.expectedVersion(), put.name(), json(next.factors().get(put.name()))));
        } else if (change instanceof StoreWrite.FactorDelete delete) {
            affected = count(AIconSql.FACTOR_DELETE, Tuple.of(next.id(), next.version(), updatedAt,
                    write.expectedVersion(), delete.name()));
        } else if (write.creates()) {
            affected = count(AIconSql.CREATE, wholeDocument(next, updatedAt));
        } else if (change instanceof StoreWrite.Attributes) {
            affected = rowCount(AIconSql.ATTRIBUTES, attributes(next, updatedAt).addLong(write.expectedVersion()));
        } else {
            affected = count(AIconSql.REPLACE, wholeDocument(next, updatedAt).addLong(write.expectedVersion()));
        }
        return affected.map(n -> {
            if (n == 0) {
                throw new VersionConflict(next.id(), write.expectedVersion());
            }
            return next;
        });
    }

    private Tuple attributes(AIcon next, OffsetDateTime updatedAt) {
        return Tuple.of(next.id(), next.version(), next.aiconType(), next.name(), updatedAt, json(next.attributes()));
    }

    private Tuple wholeDocument(AIcon next, OffsetDateTime updatedAt) {
        List<String> bodies = new ArrayList<>(next.factors().size());
        next.factors().values().forEach(body -> bodies.add(json(body)));
        return attributes(next, updatedAt).addArrayOfString(next.factors().keySet().toArray(String[]::new))
                .addArrayOfString(bodies.toArray(String[]::new));
    }

    @Override
    public Uni<Void> delete(String id, long expectedVersion) {
        return rowCount(AIconSql.DELETE, Tuple.of(id, expectedVersion)).map(n -> {
            if (n == 0) {
                throw new VersionConflict(id, expectedVersion);
            }
            return null;
        });
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        Tuple parameters = Tuple.tuple();
        Optional.ofNullable(query.aiconType()).ifPresent(parameters::addString);
        Optional.ofNullable(query.name()).ifPresent(parameters::addString);
        Optional.ofNullable(query.afterId()).ifPresent(parameters::addString);
        parameters.addInteger(query.limit() + 1);
        String sql = AIconSql.list(query.aiconType() != null, query.name() != null, query.afterId() != null);
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            List<AIconSummary> fetched = new ArrayList<>(rows.size());
            rows.forEach(row -> fetched.add(new AIconSummary(row.getString(0), row.getString(1), row.getString(2),
                    row.getLong(3), Timestamps.format(row.getOffsetDateTime(4).toInstant()))));
            return Page.of(fetched, query.limit());
        });
    }

    @Override
    public Uni<Void> ping() {
        return pool.query(AIconSql.PING).execute().replaceWithVoid();
    }

    @Override
    public String backend() {
        return "postgres";
    }

    private Uni<Integer> rowCount(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(RowSet::rowCount);
    }

    private Uni<Integer> count(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> rows.iterator().next().getInteger(0));
    }

    private String json(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("document cannot be written as JSON", e);
        }
    }
}
