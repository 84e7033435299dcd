package dev.aicon.gateway.service;

import dev.aicon.gateway.config.BatchConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.ListQuery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every AIcon (optionally of one {@code aicon_type}) in id order, read from the store page by page: one list call
 * and one {@code getAll} per {@code aicon.batch.chunk-size} AIcons, and the next page only once the consumer asked
 * for more, so an export holds one page in memory whatever the store's size. An AIcon deleted between the two
 * calls is left out; writes still in the journal appear once they are replayed.
 */
@ApplicationScoped
public class ExportService {

    private final GuardedStore store;
    private final BatchWrites writes;
    private final int pageSize;

    ExportService(GuardedStore store, BatchWrites writes, BatchConfig config) {
        this.store = store;
        this.writes = writes;
        this.pageSize = config.chunkSize();
    }

    /** Where an export stands: the last id sent, and whether the store has no more. */
    private static final class Cursor {
        private @Nullable String afterId;
        private boolean exhausted;
    }

    /** One page of whole AIcons; {@code end} marks that the export is complete. */
    private record Chunk(List<AIcon> aicons, boolean end) {}

    /** The AIcons of {@code tenant} only. */
    public Multi<AIcon> export(TenantId tenant, @Nullable String aiconType) {
        return Multi.createBy()
                .repeating()
                .uni(Cursor::new, cursor -> next(tenant, aiconType, cursor))
                .until(Chunk::end)
                .onItem()
                .transformToIterable(Chunk::aicons);
    }

    private Uni<Chunk> next(TenantId tenant, @Nullable String aiconType, Cursor cursor) {
        if (cursor.exhausted) {
            return Uni.createFrom().item(new Chunk(List.of(), true));
        }
        return store.list(new ListQuery(tenant, aiconType, null, cursor.afterId, pageSize))
                .onFailure(OutageClassifier::isOutage)
                .transform(BatchWrites::unavailable)
                .chain(page -> {
                    cursor.afterId = page.lastId();
                    cursor.exhausted = page.lastId() == null;
                    List<String> ids =
                            page.items().stream().map(AIconSummary::id).toList();
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(new Chunk(List.of(), false));
                    }
                    return writes.current(tenant, ids).map(found -> new Chunk(inOrder(ids, found), false));
                });
    }

    private static List<AIcon> inOrder(List<String> ids, Map<String, AIcon> found) {
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }
}
