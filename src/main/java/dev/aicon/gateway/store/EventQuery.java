package dev.aicon.gateway.store;

import org.jspecify.annotations.Nullable;

/** Outbox events with ids in ({@code afterId}, {@code upToId}], of one AIcon and/or one type when given. */
public record EventQuery(
        long afterId,
        long upToId,
        @Nullable String aiconId,
        @Nullable String aiconType,
        int limit) {}
