package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.Violation;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** Outcomes of a use case that are not a success; the api layer turns each into its HTTP answer. */
public abstract sealed class ServiceException extends RuntimeException {

    private final @Nullable String aiconId;

    ServiceException(@Nullable String aiconId, String message) {
        super(message, null, false, false);
        this.aiconId = aiconId;
    }

    public @Nullable String aiconId() {
        return aiconId;
    }

    /** No AIcon has that id. */
    public static final class AIconNotFound extends ServiceException {
        public AIconNotFound(String id) {
            super(id, "AIcon '" + id + "' does not exist");
        }
    }

    /** A cap on open SSE streams (per gateway or per client) is reached; the client may retry later. */
    public static final class TooManyStreams extends ServiceException {
        public TooManyStreams(String message) {
            super(null, message + "; retry later");
        }
    }

    /** The AIcon exists but has no factor of that name. */
    public static final class FactorNotFound extends ServiceException {
        public FactorNotFound(String id, String factor) {
            super(id, "AIcon '" + id + "' has no factor '" + factor + "'");
        }
    }

    /** The AIcon has no brain. */
    public static final class VersionNotFound extends ServiceException {
        public VersionNotFound(String id, long version) {
            super(id, "version " + version + " of AIcon '" + id + "' is not recorded (never written, pruned by the "
                    + "history retention, or history is off)");
        }
    }

    public static final class FeatureOff extends ServiceException {
        public FeatureOff(@Nullable String id, String feature) {
            super(id, "the " + feature + " feature is off for " + (id == null ? "this gateway" : "AIcon '" + id + "'")
                    + " (aicon.features." + feature + ".*)");
        }
    }

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
        PreconditionFailed(@Nullable String id, String current) {
            super(id, "the precondition does not hold for AIcon '" + id + "' (current version: " + current + ")");
        }
    }

    /** The document breaks the product's rules; nothing was stored. */
    public static final class DocumentRejected extends ServiceException {
        private final List<Violation> violations;
        private final int total;

        DocumentRejected(@Nullable String id, List<Violation> violations) {
            this(id, violations, violations.size());
        }

        /** The first {@code violations} found of {@code total}. */
        DocumentRejected(@Nullable String id, List<Violation> violations, int total) {
            super(id, total + " field(s) break the AIcon document rules; nothing was stored");
            this.violations = violations;
            this.total = total;
        }

        public List<Violation> violations() {
            return violations;
        }

        /** How many violations the document has, listed or not. */
        public int total() {
            return total;
        }
    }

    /** The write would make the stored document larger than {@code aicon.document.max-bytes}; nothing was stored. */
    public static final class DocumentTooLarge extends ServiceException {
        private final long sizeBytes;
        private final long maxBytes;

        DocumentTooLarge(String id, long sizeBytes, long maxBytes) {
            super(id, "the write would make AIcon '" + id + "' " + sizeBytes + " bytes of JSON, larger than the limit of "
                    + maxBytes + " bytes (aicon.document.max-bytes); nothing was stored");
            this.sizeBytes = sizeBytes;
            this.maxBytes = maxBytes;
        }

        public long sizeBytes() {
            return sizeBytes;
        }

        public long maxBytes() {
            return maxBytes;
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
        StoreUnavailable(@Nullable String id, Throwable outage) {
            super(id, "the store is unavailable (" + outage.getClass().getSimpleName() + ") and no copy of AIcon '"
                    + id + "' is at hand; retry later");
        }
    }

    /** An unconditional write kept losing races with other writers; the client may retry. */
    public static final class ConcurrentModification extends ServiceException {
        ConcurrentModification(String id) {
            this(id, "AIcon '" + id + "' is being modified concurrently; the write was not applied, retry it");
        }

        ConcurrentModification(@Nullable String id, String message) {
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
        NotApplied(@Nullable String id, String reason) {
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

    /** An SDK state file that cannot be imported as it is (name, JSON, id); nothing of it was stored. */
    public static final class SdkFileRejected extends ServiceException {
        SdkFileRejected(@Nullable String id, String file, String reason) {
            super(id, "the SDK file '" + file + "' " + reason + "; nothing of it was stored");
        }
    }

    /** An SDK state file over the limit of its kind; nothing of it was stored. */
    public static final class SdkFileTooLarge extends ServiceException {
        SdkFileTooLarge(@Nullable String id, String file, long maxBytes, String key) {
            super(id, "the SDK file '" + file + "' is larger than the limit of " + maxBytes + " bytes (" + key
                    + "); nothing of it was stored");
        }
    }

    /** A pickle whose AIcon document, sent in the same import, failed; the brain was not stored. */
    public static final class SdkDocumentFailed extends ServiceException {
        SdkDocumentFailed(String id, String file) {
            super(id, "the AIcon document of '" + file + "' failed in the same import, so its brain was not stored");
        }
    }

    /** A directory import outside the configured root, or with no root configured. */
    public static final class SdkImportForbidden extends ServiceException {
        SdkImportForbidden(String message) {
            super(null, message);
        }
    }

    /** A directory import of a directory that does not exist. */
    public static final class SdkDirectoryNotFound extends ServiceException {
        SdkDirectoryNotFound(String dir) {
            super(null, "the directory '" + dir + "' does not exist");
        }
    }
}
