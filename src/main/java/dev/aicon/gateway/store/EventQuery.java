package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Outbox events with ids in ({@code afterId}, {@code upToId}] of one tenant ({@link #ofTenant}), of one AIcon and/or
 * one type when given. Only the event dispatcher reads the events of every tenant ({@link #everyTenant}): it hands
 * each to the streams of the event's own tenant.
 */
public record EventQuery(
        @Nullable TenantId tenant,
        long afterId,
        long upToId,
        @Nullable String aiconId,
        @Nullable String aiconType,
        int limit) {

    public EventQuery {
        if (tenant == null && (aiconId != null || aiconType != null)) {
            throw new IllegalArgumentException("an AIcon or type filter needs a tenant");
        }
    }

    /** The events of {@code tenant}'s AIcons only. */
    public static EventQuery ofTenant(
            TenantId tenant,
            long afterId,
            long upToId,
            @Nullable String aiconId,
            @Nullable String aiconType,
            int limit) {
        return new EventQuery(tenant, afterId, upToId, aiconId, aiconType, limit);
    }

    /** The events of every tenant, each tagged with its tenant: for the dispatcher that fans them out. */
    public static EventQuery everyTenant(long afterId, long upToId, int limit) {
        return new EventQuery(null, afterId, upToId, null, null, limit);
    }

    public boolean matches(ChangeEvent event) {
        return (tenant == null || tenant.equals(event.tenant()))
                && (aiconId == null || aiconId.equals(event.aiconId()))
                && (aiconType == null || aiconType.equals(event.aiconType()));
    }
}
