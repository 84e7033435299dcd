package dev.aicon.gateway.api;

import dev.aicon.gateway.events.EventHub;
import dev.aicon.gateway.failure.FailureKind;
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
 * write, so nothing acknowledged waits in a buffer. SSE streams, which would never finish by themselves, end with a
 * reconnect hint; their clients resume from their last event id.
 */
@Startup
@ApplicationScoped
public class ShutdownGate {

    static final int ORDER = -1000;

    private final Problems problems;
    private volatile boolean draining;

    ShutdownGate(Problems problems, EventHub streams) {
        this.problems = problems;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            draining = true;
                            Log.infof(
                                    "shutting down: new requests are refused, requests in flight finish, %d SSE streams are told "
                                            + "to reconnect",
                                    streams.size());
                            streams.closeAll(
                                    "this gateway is shutting down; reconnect (to another replica) with Last-Event-ID");
                        },
                        "aicon-shutdown-gate"));
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (!draining) {
            context.next();
            return;
        }
        context.response().putHeader("Connection", "close");
        problems.send(
                context,
                Problem.of(
                        FailureKind.SHUTTING_DOWN,
                        "this gateway is shutting down; retry on another " + "replica",
                        context.request().path()),
                1);
    }
}
