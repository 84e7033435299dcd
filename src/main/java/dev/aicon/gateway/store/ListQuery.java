package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.TenantId;
import org.jspecify.annotations.Nullable;

/** A keyset page request over the AIcons of one tenant: filters are exact matches, null means any. */
public record ListQuery(
        TenantId tenant,
        @Nullable String aiconType,
        @Nullable String name,
        @Nullable String afterId,
        int limit) {

    public boolean matches(AIconSummary summary) {
        return (aiconType == null || aiconType.equals(summary.aiconType()))
                && (name == null || name.equals(summary.name()))
                && (afterId == null || summary.id().compareTo(afterId) > 0);
    }
}
