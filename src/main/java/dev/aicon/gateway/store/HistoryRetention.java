package dev.aicon.gateway.store;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Which recorded versions a prune keeps: the newest {@code keepLast} of each AIcon (0: no count limit) and those
 * written at or after {@code keepAfter} (null: no age limit). The current version is always kept.
 */
public record HistoryRetention(int keepLast, @Nullable Instant keepAfter) {}
