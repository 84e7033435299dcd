package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Outcomes of a use case that are not a success, one factory a kind; the api layer answers each by its
 * {@link FailureKind}. Only the kinds that list violations or report a size carry more than a message.
 */
public final class ServiceException extends GatewayFailure {

    private static final String RETRY_LATER = "; retry later";

    private final String reason;
    private final @Nullable List<Violation> violations;
    private final int violationsTotal;
    private final @Nullable Oversize oversize;

    private ServiceException(
            FailureKind kind,
            @Nullable String aiconId,
            String reason,
            String advice,
            @Nullable List<Violation> violations,
            int violationsTotal,
            @Nullable Oversize oversize) {
        super(kind, aiconId, reason + advice);
        this.reason = reason;
        this.violations = violations;
        this.violationsTotal = violationsTotal;
        this.oversize = oversize;
    }

    private static ServiceException of(FailureKind kind, @Nullable String aiconId, String message) {
        return new ServiceException(kind, aiconId, message, "", null, 0, null);
    }

    private static ServiceException retryLater(FailureKind kind, @Nullable String aiconId, String reason) {
        return new ServiceException(kind, aiconId, reason, RETRY_LATER, null, 0, null);
    }

    /** The size a write would have reached, and the cap it passed. */
    public record Oversize(long sizeBytes, long maxBytes) {}

    /** What failed, without the advice to retry. */
    String reason() {
        return reason;
    }

    /** The first violations found (those of a rejected document or batch), or null when the kind lists none. */
    public @Nullable List<Violation> violations() {
        return violations;
    }

    /** How many violations were found, listed or not. */
    public int violationsTotal() {
        return violationsTotal;
    }

    /** The size a rejected write would have reached, or null when the kind is not about size. */
    public @Nullable Oversize oversize() {
        return oversize;
    }

    /** No AIcon has that id. */
    public static ServiceException aiconNotFound(@Nullable String id) {
        return of(FailureKind.AICON_NOT_FOUND, id, "AIcon '" + id + "' does not exist");
    }

    /** The AIcon exists but has no factor of that name. */
    public static ServiceException factorNotFound(@Nullable String id, String factor) {
        return of(FailureKind.FACTOR_NOT_FOUND, id, "AIcon '" + id + "' has no factor '" + factor + "'");
    }

    /** No version of that number is recorded for the AIcon. */
    static ServiceException versionNotFound(@Nullable String id, long version) {
        return of(
                FailureKind.VERSION_NOT_FOUND,
                id,
                "version " + version + " of AIcon '" + id + "' is not recorded "
                        + "(never written, pruned by the history retention, or history is off)");
    }

    /** A feature flag is off for the AIcon ({@code id}) or, with a null id, for the gateway. */
    public static ServiceException featureOff(@Nullable String id, String feature) {
        return of(
                FailureKind.FEATURE_OFF,
                id,
                "the " + feature + " feature is off for " + (id == null ? "this gateway" : "AIcon '" + id + "'")
                        + " (aicon.features." + feature + ".*)");
    }

    /** The AIcon has no brain. */
    static ServiceException brainNotFound(@Nullable String id) {
        return of(FailureKind.BRAIN_NOT_FOUND, id, "AIcon '" + id + "' has no brain");
    }

    /** The stored brain does not match its recorded SHA-256 or size; no byte of it was sent. */
    static ServiceException brainCorrupt(@Nullable String id, String detail) {
        return of(
                FailureKind.STORED_BRAIN_CORRUPT,
                id,
                "the stored brain of AIcon '" + id + "' failed its integrity check (" + detail + "); nothing was sent");
    }

    /** {@code If-Match} / {@code If-None-Match} did not hold against the current version. */
    static ServiceException preconditionFailed(@Nullable String id, String current) {
        return of(
                FailureKind.PRECONDITION_FAILED,
                id,
                "the precondition does not hold for AIcon '" + id + "' (current version: " + current + ")");
    }

    /** The document breaks the product's rules; nothing was stored. */
    static ServiceException documentRejected(@Nullable String id, List<Violation> violations) {
        return documentRejected(id, violations, violations.size());
    }

    /** The document breaks the product's rules (the first {@code violations} found of {@code total}). */
    static ServiceException documentRejected(@Nullable String id, List<Violation> violations, int total) {
        return new ServiceException(
                FailureKind.INVALID_DOCUMENT,
                id,
                total + " field(s) break the AIcon document " + "rules; nothing was stored",
                "",
                violations,
                total,
                null);
    }

    /** The write would make the stored document larger than {@code aicon.document.max-bytes}; nothing was stored. */
    static ServiceException documentTooLarge(@Nullable String id, long sizeBytes, long maxBytes) {
        return new ServiceException(
                FailureKind.DOCUMENT_TOO_LARGE,
                id,
                "the write would make AIcon '" + id + "' "
                        + sizeBytes + " bytes of JSON, larger than the limit of " + maxBytes
                        + " bytes (aicon.document.max-bytes); nothing was stored",
                "",
                null,
                0,
                new Oversize(sizeBytes, maxBytes));
    }

    /** The factor cannot go while other factors depend on it. */
    static ServiceException factorInUse(@Nullable String id, String factor, List<String> dependents) {
        return of(
                FailureKind.FACTOR_IN_USE,
                id,
                "factor '" + factor + "' of AIcon '" + id + "' is a dependency of " + dependents
                        + "; remove those dependencies first");
    }

    /** The store is unavailable and no copy of the AIcon is at hand; the client should retry later. */
    static ServiceException storeUnavailable(@Nullable String id, Throwable outage) {
        return retryLater(
                FailureKind.STORE_UNAVAILABLE,
                id,
                "the store is unavailable (" + outage.getClass().getSimpleName() + ") and no copy of AIcon '" + id
                        + "' is at hand");
    }

    /**
     * A bulk operation needs the store itself (bulk writes are never journaled) and the store is unavailable, or
     * AIcons it names still have journaled writes waiting for replay; the client should retry later.
     */
    static ServiceException batchUnavailable(String reason) {
        return retryLater(FailureKind.STORE_UNAVAILABLE, null, reason);
    }

    /** An unconditional write kept losing races with other writers; the client may retry. */
    static ServiceException concurrentModification(@Nullable String id) {
        return concurrentModification(
                id, "AIcon '" + id + "' is being modified concurrently; the write was not " + "applied, retry it");
    }

    /** A write lost a race with another writer, as {@code message} says. */
    static ServiceException concurrentModification(@Nullable String id, String message) {
        return of(FailureKind.CONCURRENT_MODIFICATION, id, message);
    }

    /** A bulk request names more AIcons than {@code aicon.batch.max-items}; nothing was read or written. */
    static ServiceException batchTooLarge(int count, int max) {
        return of(
                FailureKind.BATCH_TOO_LARGE,
                null,
                "the batch has " + count + " items; at most " + max + " are allowed (aicon.batch.max-items)");
    }

    /** A bulk request is malformed as a whole (bad ids); nothing was read or written. */
    static ServiceException batchRejected(List<Violation> violations) {
        return new ServiceException(
                FailureKind.INVALID_BATCH,
                null,
                violations.size() + " field(s) of the batch " + "are invalid; nothing was done",
                "",
                violations,
                violations.size(),
                null);
    }

    /** An item of an atomic batch that was valid but not applied, because another item failed. */
    static ServiceException notApplied(@Nullable String id, String reason) {
        return of(
                FailureKind.NOT_APPLIED,
                id,
                "AIcon '" + id + "' was not written: " + reason + "; an atomic batch applies all or nothing");
    }

    /** An SDK state file that cannot be imported as it is (name, JSON, id); nothing of it was stored. */
    static ServiceException sdkFileRejected(@Nullable String id, String file, String reason) {
        return of(
                FailureKind.INVALID_SDK_FILE,
                id,
                "the SDK file '" + file + "' " + reason + "; nothing of it was stored");
    }

    /** An SDK state file over the limit of its kind; nothing of it was stored. */
    static ServiceException sdkFileTooLarge(@Nullable String id, String file, long maxBytes, String key) {
        return of(
                FailureKind.SDK_FILE_TOO_LARGE,
                id,
                "the SDK file '" + file + "' is larger than the limit of " + maxBytes + " bytes (" + key
                        + "); nothing of it was stored");
    }

    /** A pickle whose AIcon document, sent in the same import, failed; the brain was not stored. */
    static ServiceException sdkDocumentFailed(@Nullable String id, String file) {
        return of(
                FailureKind.SDK_DOCUMENT_FAILED,
                id,
                "the AIcon document of '" + file + "' failed in the same import, so its brain was not stored");
    }

    /** A directory import outside the configured root, or with no root configured. */
    static ServiceException sdkImportForbidden(String message) {
        return of(FailureKind.SDK_IMPORT_FORBIDDEN, null, message);
    }

    /** A directory import of a directory that does not exist. */
    static ServiceException sdkDirectoryNotFound(String dir) {
        return of(FailureKind.DIRECTORY_NOT_FOUND, null, "the directory '" + dir + "' does not exist");
    }
}
