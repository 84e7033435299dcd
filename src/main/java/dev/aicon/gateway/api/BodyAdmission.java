package dev.aicon.gateway.api;

import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.failure.FailureKind;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Optional;

/**
 * Lets a request body in only when {@link BodyBudget} has room for it: right after the size check
 * ({@link BodyLimitFilter}), before any of the body is read, the request is paused and charged by its
 * {@code Content-Length} ({@code aicon.document.max-bytes} when it has none). It waits for room without holding a
 * thread, for at most {@code aicon.document.in-flight-wait}, then gets 503 {@code too-busy} with {@code Retry-After}.
 * The room is given back when the answer is done or the connection closes. Brains, imports (charged line by line,
 * {@link ImportStream}) and the SDK file upload (parts go to disk) have routes of their own.
 */
@ApplicationScoped
public class BodyAdmission {

    static final int ORDER = BodyLimitFilter.ORDER + 1;

    private final BodyBudget budget;
    private final Problems problems;
    private final long maxBytes;
    private final Duration wait;

    BodyAdmission(BodyBudget budget, Problems problems, DocumentConfig documents) {
        this.budget = budget;
        this.problems = problems;
        this.maxBytes = documents.maxBytes().asLongValue();
        this.wait = documents.inFlightWait();
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        long length = bodyLength(context.request());
        if (length == 0 || BodyLimitFilter.isSdkUpload(context)) {
            context.next();
            return;
        }
        long charge = budget.charge(length);
        Optional<BodyBudget.Grant> now = budget.tryAcquire(charge);
        if (now.isPresent()) {
            enter(context, now.get());
            return;
        }
        context.request().pause();
        Context requestContext = Vertx.currentContext();
        budget.acquire(charge, wait)
                .whenComplete((grant, failure) -> requestContext.runOnContext(v -> {
                    if (failure != null) {
                        problems.send(context, tooBusy(wait));
                    } else {
                        enter(context, grant);
                    }
                }));
    }

    /** Holds {@code grant} until the answer is done; a client that went away while waiting gives it back at once. */
    private static void enter(RoutingContext context, BodyBudget.Grant grant) {
        if (context.response().closed() || context.response().ended()) {
            grant.release();
            return;
        }
        context.addEndHandler(done -> grant.release());
        context.next();
    }

    static RequestRejected tooBusy(Duration wait) {
        return new RequestRejected(
                FailureKind.TOO_BUSY,
                "the gateway is parsing as many JSON bodies as its heap "
                        + "allows (aicon.document.in-flight-max-bytes) and none finished within " + wait.toMillis()
                        + " ms; nothing was read or stored, retry later");
    }

    /** The declared length, {@code maxBytes} for a chunked body, 0 for none. */
    private long bodyLength(HttpServerRequest request) {
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            try {
                return Math.max(0, Long.parseLong(declared.trim()));
            } catch (NumberFormatException e) {
                return maxBytes;
            }
        }
        return request.getHeader("Transfer-Encoding") != null ? maxBytes : 0;
    }
}
