package dev.aicon.gateway.failure;

/**
 * Every kind of failure the gateway answers on purpose, with the HTTP status and the problem type
 * ({@code urn:aicon:problem:<type>}) of its answer: the one place where a kind meets its wire form. It lives below
 * every layer that raises such failures (api, service, store, blob, journal), so none depends on another for it.
 */
public enum FailureKind {
    MALFORMED_REQUEST(400, "malformed-request"),
    INVALID_DOCUMENT(400, "invalid-document"),
    INVALID_BATCH(400, "invalid-batch"),
    INVALID_SDK_FILE(400, "invalid-sdk-file"),
    UNAUTHENTICATED(401, "unauthenticated"),
    FORBIDDEN(403, "forbidden"),
    SDK_IMPORT_FORBIDDEN(403, "sdk-import-forbidden"),
    ROLE_NOT_GRANTABLE(403, "role-not-grantable"),
    AICON_NOT_FOUND(404, "aicon-not-found"),
    FACTOR_NOT_FOUND(404, "factor-not-found"),
    VERSION_NOT_FOUND(404, "version-not-found"),
    BRAIN_NOT_FOUND(404, "brain-not-found"),
    DIRECTORY_NOT_FOUND(404, "directory-not-found"),
    FEATURE_OFF(404, "feature-off"),
    TENANT_NOT_FOUND(404, "tenant-not-found"),
    API_KEY_NOT_FOUND(404, "api-key-not-found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    FACTOR_IN_USE(409, "factor-in-use"),
    CONCURRENT_MODIFICATION(409, "concurrent-modification"),
    TENANT_EXISTS(409, "tenant-exists"),
    PRECONDITION_FAILED(412, "precondition-failed"),
    BODY_TOO_LARGE(413, "body-too-large"),
    BODY_TOO_COMPLEX(413, "body-too-complex"),
    LINE_TOO_LARGE(413, "line-too-large"),
    DOCUMENT_TOO_LARGE(413, "document-too-large"),
    BATCH_TOO_LARGE(413, "batch-too-large"),
    BRAIN_TOO_LARGE(413, "brain-too-large"),
    SDK_FILE_TOO_LARGE(413, "sdk-file-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
    MISDIRECTED_REQUEST(421, "misdirected-request"),
    NOT_APPLIED(424, "not-applied"),
    SDK_DOCUMENT_FAILED(424, "sdk-document-failed"),
    TOO_MANY_STREAMS(429, "too-many-streams"),
    INTERNAL_ERROR(500, "internal-error"),
    STORED_DOCUMENT_CORRUPT(500, "stored-document-corrupt"),
    STORED_BRAIN_CORRUPT(500, "stored-brain-corrupt"),
    STORE_UNAVAILABLE(503, "store-unavailable"),
    BRAIN_UNAVAILABLE(503, "brain-unavailable"),
    JOURNAL_FULL(503, "journal-full"),
    TOO_BUSY(503, "too-busy"),
    SHUTTING_DOWN(503, "shutting-down"),
    INSUFFICIENT_STORAGE(507, "insufficient-storage");

    private final int status;
    private final String type;

    FailureKind(int status, String type) {
        this.status = status;
        this.type = type;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The problem type, without its {@code urn:aicon:problem:} prefix. */
    public String type() {
        return type;
    }

    /** Whether {@code failure} is a {@link GatewayFailure} of this kind. */
    public boolean isKindOf(Throwable failure) {
        return failure instanceof GatewayFailure gateway && gateway.kind() == this;
    }
}
