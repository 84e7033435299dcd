package dev.aicon.gateway.controlplane;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** One page of audit entries, newest first; {@code nextBeforeId} is null on the last page. */
public record AuditPage(List<AuditEntry> items, @Nullable Long nextBeforeId) {

    public AuditPage {
        items = List.copyOf(items);
    }

    /** The page of at most {@code limit} from {@code matching} (newest first, possibly one more than the limit). */
    public static AuditPage of(List<AuditEntry> matching, int limit) {
        if (matching.size() > limit) {
            List<AuditEntry> page = matching.subList(0, limit);
            return new AuditPage(page, page.get(limit - 1).id());
        }
        return new AuditPage(matching, null);
    }
}
