package dev.aicon.gateway.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.VersionEntry;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.HistoryRetention;
import dev.aicon.gateway.store.VersionPage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and prunes the {@code aicon_versions} table; the write statements fill it. */
final class PostgresHistory {

    static final int PRUNE_BATCH = 10_000;

    private final TenantScope tenants;
    private final ObjectMapper mapper;

    PostgresHistory(TenantScope tenants, ObjectMapper mapper) {
        this.tenants = tenants;
        this.mapper = mapper;
    }

    Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit) {
        return tenants.execute(tenant, AIconSql.VERSIONS, Tuple.of(tenant.value(), id, beforeVersion, limit + 1))
                .map(rows -> {
                    List<VersionEntry> fetched = new ArrayList<>(rows.size());
                    rows.forEach(row -> fetched.add(new VersionEntry(
                            row.getLong(0),
                            Timestamps.format(row.getOffsetDateTime(1).toInstant()),
                            ChangeKind.valueOf(row.getString(2)))));
                    return VersionPage.of(fetched, limit);
                });
    }

    Uni<Optional<AIcon>> version(TenantId tenant, String id, long version) {
        return tenants.execute(tenant, AIconSql.VERSION, Tuple.of(tenant.value(), id, version))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    try {
                        JsonNode document =
                                mapper.readTree(rows.iterator().next().getString(0));
                        return Optional.of(AIcon.fromDocument(id, (ObjectNode) document)
                                .stamped(
                                        version, document.path(AIcon.UPDATED_AT).asText(null)));
                    } catch (JsonProcessingException | ClassCastException e) {
                        throw new CorruptDocument(id, "recorded version " + version + " is not a JSON object", e);
                    }
                });
    }

    /** Deletes in batches, so a large backlog never holds one long transaction. */
    Uni<Long> prune(HistoryRetention retention) {
        OffsetDateTime keepAfter =
                retention.keepAfter() == null ? null : OffsetDateTime.ofInstant(retention.keepAfter(), ZoneOffset.UTC);
        Tuple parameters = Tuple.tuple()
                .addInteger(retention.keepLast())
                .addOffsetDateTime(keepAfter)
                .addInteger(PRUNE_BATCH);
        return PostgresBatches.deleteAll(tenants, AIconSql.PRUNE_HISTORY, parameters, PRUNE_BATCH);
    }
}
