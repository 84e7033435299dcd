package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.Violation;

import java.util.List;

/** Outcomes of a use case that are not a success; the api layer turns each into its HTTP answer. */
public abstract sealed class ServiceException extends RuntimeException {

    private final String aiconId;

    ServiceException(String aiconId, String message) {
        super(message, null, false, false);
        this.aiconId = aiconId;
    }

    public String aiconId() {
        return aiconId;
    }

    /** No AIcon has that id. */
    public static final class AIconNotFound extends ServiceException {
        public AIconNotFound(String id) {
            super(id, "AIcon '" + id + "' does not exist");
        }
    }

    /** The AIcon exists but has no factor of that name. */
    public static final class FactorNotFound extends ServiceException {
        public FactorNotFound(String id, String factor) {
            super(id, "AIcon '" + id + "' has no factor '" + factor + "'");
        }
    }

    /** The AIcon has no brain. */
    public static final class BrainNotFound extends ServiceException {
        public BrainNotFound(String id) {
            super(id, "AIcon '" + id + "' has no brain");
        }
    }

    /** The stored brain does not match its recorded SHA-256 or size; no byte of it was sent. */
    public static final class BrainCorrupt extends ServiceException {
        BrainCorrupt(String id, String detail) {
            super(id, "the stored brain of AIcon '" + id + "' failed its integrity check (" + detail
                    + "); nothing was sent");
        }
    }

    /** {@code If-Match} / {@code If-None-Match} did not hold against the current version. */
    public static final class PreconditionFailed extends ServiceException {
        PreconditionFailed(String id, String current) {
            super(id, "the precondition does not hold for AIcon '" + id + "' (current version: " + current + ")");
        }
    }

    /** The document breaks the product's rules; nothing was stored. */
    public static final class DocumentRejected extends ServiceException {
        private final List<Violation> violations;

        DocumentRejected(String id, List<Violation> violations) {
            super(id, violations.size() + " field(s) break the AIcon document rules; nothing was stored");
            this.violations = violations;
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** The factor cannot go while other factors depend on it. */
    public static final class FactorInUse extends ServiceException {
        FactorInUse(String id, String factor, List<String> dependents) {
            super(id, "factor '" + factor + "' of AIcon '" + id + "' is a dependency of " + dependents
                    + "; remove those dependencies first");
        }
    }

    /** The store is unavailable and no copy of the AIcon is at hand; the client should retry later. */
    public static final class StoreUnavailable extends ServiceException {
        StoreUnavailable(String id, Throwable outage) {
            super(id, "the store is unavailable (" + outage.getClass().getSimpleName() + ") and no copy of AIcon '"
                    + id + "' is at hand; retry later");
        }
    }

    /** An unconditional write kept losing races with other writers; the client may retry. */
    public static final class ConcurrentModification extends ServiceException {
        ConcurrentModification(String id) {
            this(id, "AIcon '" + id + "' is being modified concurrently; the write was not applied, retry it");
        }

        ConcurrentModification(String id, String message) {
            super(id, message);
        }
    }

    /** A bulk request names more AIcons than {@code aicon.batch.max-items}; nothing was read or written. */
    public static final class BatchTooLarge extends ServiceException {
        BatchTooLarge(int count, int max) {
            super(null, "the batch has " + count + " items; at most " + max + " are allowed (aicon.batch.max-items)");
        }
    }

    /** A bulk request is malformed as a whole (bad ids); nothing was read or written. */
    public static final class BatchRejected extends ServiceException {
        private final List<Violation> violations;

        BatchRejected(List<Violation> violations) {
            super(null, violations.size() + " field(s) of the batch are invalid; nothing was done");
            this.violations = violations;
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** An item of an atomic batch that was valid but not applied, because another item failed. */
    public static final class NotApplied extends ServiceException {
        NotApplied(String id, String reason) {
            super(id, "AIcon '" + id + "' was not written: " + reason + "; an atomic batch applies all or nothing");
        }
    }

    /**
     * A bulk operation needs the store itself (bulk writes are never journaled) and the store is unavailable, or
     * AIcons it names still have journaled writes waiting for replay; the client should retry later.
     */
    public static final class BatchUnavailable extends ServiceException {
        private final String detail;

        BatchUnavailable(String detail) {
            super(null, detail + "; retry later");
            this.detail = detail;
        }

        /** What was unavailable, without the advice to retry. */
        String detail() {
            return detail;
        }
    }
}
