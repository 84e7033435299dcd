package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the change outbox: a monotonic event id (the SSE {@code id:}, shared by every tenant), the tenant of
 * the AIcon, the AIcon, its type (for filtered streams), what happened, the version the write produced (for
 * {@code deleted}: the version deleted) and when. A stream delivers only the events of its own tenant.
 */
public record ChangeEvent(
        long id,
        TenantId tenant,
        String aiconId,
        @Nullable String aiconType,
        ChangeKind kind,
        long version,
        String at) {}
