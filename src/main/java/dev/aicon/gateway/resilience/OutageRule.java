package dev.aicon.gateway.resilience;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The one rule that says what an outage is: the backend could not serve, so the breaker counts the failure and the
 * service may journal a write or answer from a copy. Only these are outages:
 * <ul>
 * <li>a timeout (the guard's own, a connect timeout, a pool that found no connection in time);</li>
 * <li>an open breaker;</li>
 * <li>a failure the backend marks as {@link BackendUnavailable} (a PostgreSQL schema not migrated yet);</li>
 * <li>a connection refused, reset, lost or closed, and other I/O failures of the backend (a file store's disk);</li>
 * <li>a PostgreSQL error of a class that means the server cannot serve now: 08 (connection), 53 (insufficient
 * resources), 57P (shut down, starting up, database dropped, session closed), 57014 (statement cancelled, a
 * timeout), 58 (system or I/O error of the server).</li>
 * </ul>
 * Everything else is an answer: data the database refuses, constraint and index-size errors, syntax errors,
 * serialization failures and deadlocks (the server is serving; the write did not apply), and bugs. Those are never
 * counted by a breaker, never retried as an outage and never journaled.
 */
public final class OutageRule {

    /** Vert.x's own wording for a connection lost under pending requests, and for an empty pool's wait timeout. */
    private static final Set<String> VERTX_CONNECTION_LOST = Set.of(
            "Pending requests failed to be sent due to connection has been closed.", "Timeout waiting for connection");

    private OutageRule() {}

    public static boolean isOutage(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (isVertxConnectionLost(cause)) {
            return true;
        }
        if (cause instanceof DatabaseException database) {
            return serverCannotServe(database.getSqlState());
        }
        if (cause instanceof JsonProcessingException || cause instanceof CharacterCodingException) {
            return false;
        }
        return cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                || cause instanceof CircuitBreakerOpenException
                || cause instanceof BackendUnavailable
                || cause instanceof TimeoutException
                || cause instanceof ClosedConnectionException
                || cause instanceof IOException;
    }

    /** Whether a PostgreSQL SQLSTATE means the server cannot serve now (see the class comment). */
    static boolean serverCannotServe(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return false;
        }
        return sqlState.startsWith("08")
                || sqlState.startsWith("53")
                || sqlState.startsWith("57P")
                || sqlState.equals("57014")
                || sqlState.startsWith("58");
    }

    /** Wrappers that only carry a failure: an unchecked I/O error, a completion, Vert.x's plain envelope. */
    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null
                && current.getCause() != current
                && !isVertxConnectionLost(current)
                && (current instanceof UncheckedIOException
                        || current instanceof CompletionException
                        || current.getClass() == VertxException.class)) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isVertxConnectionLost(Throwable failure) {
        return (failure instanceof NoStackTraceThrowable || failure.getClass() == VertxException.class)
                && VERTX_CONNECTION_LOST.contains(failure.getMessage());
    }
}
