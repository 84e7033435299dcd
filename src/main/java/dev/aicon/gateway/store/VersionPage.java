package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.VersionEntry;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** Recorded versions, newest first; {@code nextBefore} is where the next page starts, or null on the last page. */
public record VersionPage(
        List<VersionEntry> versions, @Nullable Long nextBefore) {

    /** A page from up to {@code limit + 1} fetched entries: the extra one only says that more exist. */
    public static VersionPage of(List<VersionEntry> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new VersionPage(fetched, null);
        }
        List<VersionEntry> page = fetched.subList(0, limit);
        return new VersionPage(List.copyOf(page), page.get(limit - 1).version());
    }
}
