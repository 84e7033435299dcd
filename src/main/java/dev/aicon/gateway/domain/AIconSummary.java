package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

/** What a list answer shows of one AIcon. */
public record AIconSummary(
        String id,
        @Nullable String name,
        @Nullable String aiconType,
        long version,
        @Nullable String updatedAt) {}
