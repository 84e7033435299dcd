package dev.aicon.gateway.api;

import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;

/**
 * A request the api layer refuses before any use case runs: bad path, query or body (400), too large (413), of a
 * media type it does not take (415), or more than the gateway can take on now (503).
 */
public class RequestRejected extends GatewayFailure {

    RequestRejected(FailureKind kind, String message) {
        super(kind, null, message);
    }

    static RequestRejected malformed(String message) {
        return new RequestRejected(FailureKind.MALFORMED_REQUEST, message);
    }

    static RequestRejected invalidAIconId() {
        return malformed(Identifiers.aiconIdRule());
    }

    static RequestRejected tooLarge(long maxBytes) {
        return new RequestRejected(
                FailureKind.BODY_TOO_LARGE,
                "the body is larger than the limit of " + maxBytes + " bytes (aicon.document.max-bytes)");
    }

    static RequestRejected lineTooLarge(long maxBytes) {
        return new RequestRejected(
                FailureKind.LINE_TOO_LARGE,
                "the line is longer than the limit of " + maxBytes + " bytes (aicon.document.max-bytes)");
    }

    static RequestRejected unsupportedMediaType(String message) {
        return new RequestRejected(FailureKind.UNSUPPORTED_MEDIA_TYPE, message);
    }

    static RequestRejected brainTooLarge(long maxBytes) {
        return new RequestRejected(
                FailureKind.BRAIN_TOO_LARGE,
                "the brain is larger than the limit of " + maxBytes + " bytes (aicon.blob.max-bytes)");
    }
}
