package dev.aicon.gateway.api;

/** A request the api layer refuses before any use case runs: bad path, query or body (400), too large (413). */
public class RequestRejected extends RuntimeException {

    private final int status;
    private final String kind;

    RequestRejected(int status, String kind, String message) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
    }

    static RequestRejected malformed(String message) {
        return new RequestRejected(400, "malformed-request", message);
    }

    static RequestRejected tooLarge(long maxBytes) {
        return new RequestRejected(413, "body-too-large", "the body is larger than the limit of " + maxBytes
                + " bytes (aicon.document.max-bytes)");
    }

    static RequestRejected lineTooLarge(long maxBytes) {
        return new RequestRejected(413, "line-too-large", "the line is longer than the limit of " + maxBytes
                + " bytes (aicon.document.max-bytes)");
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }
}
