package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.domain.JsonText;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;
import dev.aicon.gateway.service.ServiceException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

/**
 * Decides the problem answer of every failure of the gateway's own making, for the JAX-RS resources
 * ({@link ProblemMapper}) and the Vert.x routes (brains, body limit, shutdown gate) alike, from the
 * {@link FailureKind} of each. Answers that tell the client to come back carry {@code Retry-After}.
 */
@ApplicationScoped
public class Problems {

    private final int retryAfterSeconds;
    private final ObjectMapper mapper;

    Problems(JournalConfig journal, ObjectMapper mapper) {
        this.retryAfterSeconds = journal.retryAfterSeconds();
        this.mapper = mapper;
    }

    /** The problem for {@code failure} on {@code path}; unexpected failures are logged and answered with 500. */
    public Problem of(Throwable failure, @Nullable String path) {
        if (failure instanceof GatewayFailure e) {
            Problem problem = Problem.of(e.kind(), e.detail(), path).about(e.aiconId());
            return e instanceof ServiceException service ? withFindings(problem, service) : problem;
        }
        Log.errorf(failure, "unexpected failure on %s", path);
        return Problem.of(FailureKind.INTERNAL_ERROR, "the gateway failed to handle the request; see its log", path);
    }

    /** The problem with the violations or the size a service failure found, if any. */
    private static Problem withFindings(Problem problem, ServiceException e) {
        Problem listed = e.violations() == null ? problem : problem.listing(e.violations(), e.violationsTotal());
        return e.oversize() == null
                ? listed
                : listed.sized(e.oversize().maxBytes(), e.oversize().sizeBytes());
    }

    /**
     * Answers a Vert.x route with the problem for {@code failure}. A request whose body was not read is closed after
     * the answer, so the rest of the body is never buffered; one whose answer already started is cut off instead.
     */
    public void send(RoutingContext context, Throwable failure) {
        Throwable cause = failure instanceof CompositeException composite
                ? composite.getCauses().get(0)
                : failure;
        Problem problem = of(cause, context.request().path());
        send(context, problem, retryAfter(problem));
    }

    public void send(RoutingContext context, Problem problem, @Nullable Integer retryAfterSeconds) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            context.request().connection().close();
            return;
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (retryAfterSeconds != null) {
            response.putHeader("Retry-After", retryAfterSeconds.toString());
        }
        if (!context.request().isEnded()) {
            response.putHeader("Connection", "close");
        }
        response.end(JsonText.write(mapper, problem));
    }

    /** Seconds for {@code Retry-After} when the answer is a 503, else null. */
    public @Nullable Integer retryAfter(Problem problem) {
        return problem.status() == 503 ? retryAfterSeconds : null;
    }
}
