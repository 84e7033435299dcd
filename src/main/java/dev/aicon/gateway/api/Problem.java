package dev.aicon.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.domain.Violations;
import dev.aicon.gateway.failure.FailureKind;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer. {@code errors} lists at most
 * {@value Violations#KEPT} violations; {@code errors_total} counts them all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @JsonProperty("aicon_id") @Nullable String aiconId,
        @Nullable List<Violation> errors,
        @JsonProperty("errors_total") @Nullable Integer errorsTotal,
        @JsonProperty("max_bytes") @Nullable Long maxBytes,
        @JsonProperty("size_bytes") @Nullable Long sizeBytes) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:aicon:problem:";

    /** The answer to a failure of {@code kind}. */
    public static Problem of(FailureKind kind, @Nullable String detail, @Nullable String instance) {
        return of(kind.status(), kind.type(), detail, instance);
    }

    /** The answer with {@code status} and the problem type {@code kind}, for statuses no failure kind names. */
    public static Problem of(int status, String kind, @Nullable String detail, @Nullable String instance) {
        return new Problem(
                TYPE_BASE + kind, title(status, kind), status, detail, instance, null, null, null, null, null);
    }

    /** The reason phrase; JAX-RS has none for 421 (RFC 9110) nor 424 (RFC 4918), which atomic batches answer. */
    private static String title(int status, String kind) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        if (status == 421) {
            return "Misdirected Request";
        }
        return status == 424 ? "Failed Dependency" : kind;
    }

    public Problem about(@Nullable String id) {
        return new Problem(type, title, status, detail, instance, id, errors, errorsTotal, maxBytes, sizeBytes);
    }

    public Problem listing(List<Violation> violations) {
        return listing(violations, violations.size());
    }

    /** Lists the first {@value Violations#KEPT} of {@code violations}, of {@code total} found. */
    public Problem listing(List<Violation> violations, int total) {
        List<Violation> listed =
                violations.size() > Violations.KEPT ? violations.subList(0, Violations.KEPT) : violations;
        return new Problem(
                type, title, status, detail, instance, aiconId, List.copyOf(listed), total, maxBytes, sizeBytes);
    }

    /** A 413 about a document: the cap and the size the write would have reached. */
    public Problem sized(long max, long size) {
        return new Problem(type, title, status, detail, instance, aiconId, errors, errorsTotal, max, size);
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
