package dev.aicon.gateway.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.JsonText;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.StoreWrite;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Chooses the one statement for a write and binds its parameters (see {@link AIconSql} for their order). */
final class PostgresWrites {

    record Statement(String sql, Tuple parameters) {}

    private final ObjectMapper mapper;
    private final boolean recordHistory;

    PostgresWrites(ObjectMapper mapper, boolean recordHistory) {
        this.mapper = mapper;
        this.recordHistory = recordHistory;
    }

    Statement statementFor(StoreWrite write) {
        AIcon next = write.next();
        OffsetDateTime updatedAt = Timestamps.parse(Objects.requireNonNull(next.updatedAt()));
        StoreWrite.Change change = write.change();
        Statement statement;
        if (change instanceof StoreWrite.FactorPut put) {
            statement = new Statement(
                    AIconSql.FACTOR_PUT,
                    Tuple.of(
                                    write.tenant().value(),
                                    next.id(),
                                    next.version(),
                                    updatedAt,
                                    write.expectedVersion(),
                                    put.name())
                            .addString(json(next.factors().get(put.name()))));
        } else if (change instanceof StoreWrite.FactorDelete delete) {
            statement = new Statement(
                    AIconSql.FACTOR_DELETE,
                    Tuple.of(
                            write.tenant().value(),
                            next.id(),
                            next.version(),
                            updatedAt,
                            write.expectedVersion(),
                            delete.name()));
        } else if (write.creates()) {
            statement = new Statement(AIconSql.CREATE, wholeDocument(write.tenant(), next, updatedAt));
        } else if (change instanceof StoreWrite.Attributes || change instanceof StoreWrite.Brain) {
            statement = new Statement(
                    AIconSql.ATTRIBUTES,
                    attributes(write.tenant(), next, updatedAt).addLong(write.expectedVersion()));
        } else {
            statement = new Statement(
                    AIconSql.REPLACE,
                    wholeDocument(write.tenant(), next, updatedAt).addLong(write.expectedVersion()));
        }
        statement.parameters().addString(write.kind().name()).addString(recordHistory ? json(next.toDocument()) : null);
        return statement;
    }

    /** $1 tenant, then the AIcon's top-level columns. */
    private Tuple attributes(TenantId tenant, AIcon next, OffsetDateTime updatedAt) {
        return Tuple.of(tenant.value(), next.id(), next.version(), next.aiconType(), next.name(), updatedAt)
                .addString(json(next.attributes()));
    }

    private Tuple wholeDocument(TenantId tenant, AIcon next, OffsetDateTime updatedAt) {
        List<String> bodies = new ArrayList<>(next.factors().size());
        next.factors().values().forEach(body -> bodies.add(json(body)));
        return attributes(tenant, next, updatedAt)
                .addArrayOfString(next.factors().keySet().toArray(String[]::new))
                .addArrayOfString(bodies.toArray(String[]::new));
    }

    private String json(@Nullable Object node) {
        return JsonText.write(mapper, node);
    }
}
