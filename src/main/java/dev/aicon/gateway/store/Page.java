package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIconSummary;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** One page of summaries; {@code lastId} is set when more may follow. */
public record Page(List<AIconSummary> items, @Nullable String lastId) {

    /** Builds a page from up to {@code limit + 1} summaries in id order. */
    public static Page of(List<AIconSummary> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new Page(fetched, null);
        }
        List<AIconSummary> items = fetched.subList(0, limit);
        return new Page(List.copyOf(items), items.get(limit - 1).id());
    }
}
