package dev.aicon.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Graceful shutdown, the gateway's half: from the moment the JVM starts shutting down (SIGTERM), every new request
 * is refused with a 503 problem, {@code Retry-After} and {@code Connection: close}, so clients and load balancers
 * go elsewhere, while requests already in flight run on. Quarkus' own graceful shutdown
 * ({@code quarkus.shutdown.timeout}) then waits for those before the gateway stops; the journal is fsynced per
 * write, so nothing acknowledged waits in a buffer.
 */
@Startup
@ApplicationScoped
public class ShutdownGate {

    private final ObjectMapper mapper;
    private volatile boolean draining;

    ShutdownGate(ObjectMapper mapper) {
        this.mapper = mapper;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            draining = true;
            Log.info("shutting down: new requests are refused, requests in flight finish");
        }, "aicon-shutdown-gate"));
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (!draining) {
            context.next();
            return;
        }
        Problem problem = Problem.of(503, "shutting-down", "this gateway is shutting down; retry on another replica",
                context.request().path());
        try {
            context.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", "1").putHeader("Connection", "close").end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
