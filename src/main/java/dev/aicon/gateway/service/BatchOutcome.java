package dev.aicon.gateway.service;

import org.jspecify.annotations.Nullable;

/** What became of one batchPut item: written, or the failure that is its answer. */
public record BatchOutcome(
        @Nullable String id,
        @Nullable WriteResult written,
        @Nullable Throwable failure) {

    static BatchOutcome of(@Nullable String id, WriteResult written) {
        return new BatchOutcome(id, written, null);
    }

    static BatchOutcome failed(@Nullable String id, Throwable failure) {
        return new BatchOutcome(id, null, failure);
    }
}
