package dev.aicon.gateway.failure;

import org.jspecify.annotations.Nullable;

/**
 * A failure the gateway raises on purpose, of a {@link FailureKind} that decides its answer, about one AIcon or
 * none. Each layer has its own subclass; the api layer answers them all alike.
 */
public abstract class GatewayFailure extends RuntimeException {

    private final FailureKind kind;
    private final @Nullable String aiconId;

    /** An expected outcome: no stack trace, no cause. */
    protected GatewayFailure(FailureKind kind, @Nullable String aiconId, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.aiconId = aiconId;
    }

    /** A failure caused by {@code cause}, kept with its stack trace for the log. */
    protected GatewayFailure(FailureKind kind, @Nullable String aiconId, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.aiconId = aiconId;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The AIcon the failure is about, or null. */
    public @Nullable String aiconId() {
        return aiconId;
    }

    /** A short name of {@code failure} for a log line: the problem type of its kind, else its class. */
    public static String nameOf(Throwable failure) {
        return failure instanceof GatewayFailure gateway
                ? gateway.kind.type()
                : failure.getClass().getSimpleName();
    }

    /** What the answer tells the client: the message, unless a kind has more to say. */
    public @Nullable String detail() {
        return getMessage();
    }
}
