package dev.aicon.gateway.service;

/** What became of one batchPut item: written, or the failure that is its answer. */
public record BatchOutcome(String id, WriteResult written, Throwable failure) {

    static BatchOutcome of(String id, WriteResult written) {
        return new BatchOutcome(id, written, null);
    }

    static BatchOutcome failed(String id, Throwable failure) {
        return new BatchOutcome(id, null, failure);
    }
}
