package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the change outbox: a monotonic event id (the SSE {@code id:}), the AIcon, its type (for filtered
 * streams), what happened, the version the write produced (for {@code deleted}: the version deleted) and when.
 */
public record ChangeEvent(
        long id, String aiconId, @Nullable String aiconType, ChangeKind kind, long version, String at) {}
