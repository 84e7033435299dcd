package dev.aicon.gateway.api;

import dev.aicon.gateway.config.FeatureFlags;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.events.EventStreams;
import dev.aicon.gateway.events.StreamCapReached;
import dev.aicon.gateway.events.StreamRequest;
import dev.aicon.gateway.service.ServiceException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * {@code GET /v1/aicons/{id}/events} and {@code GET /v1/events?aicon_type=}: Server-Sent Events of every accepted
 * write, resumable with {@code Last-Event-ID} (or {@code ?last_event_id=}). Maps HTTP to {@link EventStreams}, which
 * runs the stream (replay, heartbeats, slow clients, caps): past a cap on open streams the answer is 429
 * {@code too-many-streams} with {@code Retry-After}. Vert.x routes, so the bytes held for each client are visible
 * and bounded.
 */
@ApplicationScoped
public class EventRoutes {

    private final EventStreams streams;
    private final FeatureFlags flags;
    private final Problems problems;
    private final RouteTenant tenants;

    EventRoutes(EventStreams streams, FeatureFlags flags, Problems problems, RouteTenant tenants) {
        this.tenants = tenants;
        this.streams = streams;
        this.flags = flags;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, "/v1/aicons/:id/events")
                .order(BrainRoutes.ORDER)
                .handler(this::aicon);
        router.route(HttpMethod.GET, "/v1/events").order(BrainRoutes.ORDER).handler(this::all);
    }

    private void aicon(RoutingContext context) {
        String id = context.pathParam("id");
        if (!Identifiers.isValid(id)) {
            problems.send(context, RequestRejected.invalidAIconId());
        } else if (!flags.isOnFor(FeatureFlags.Feature.sse, id)) {
            problems.send(context, ServiceException.featureOff(id, "sse"));
        } else {
            stream(context, id, null);
        }
    }

    private void all(RoutingContext context) {
        List<String> types = context.queryParam("aicon_type");
        if (!flags.isOn(FeatureFlags.Feature.sse)) {
            problems.send(context, ServiceException.featureOff(null, "sse"));
            return;
        }
        String type;
        try {
            type = PagedLists.filter("aicon_type", types.isEmpty() ? null : types.get(0));
        } catch (RequestRejected e) {
            problems.send(context, e);
            return;
        }
        stream(context, null, type);
    }

    private void stream(RoutingContext context, @Nullable String id, @Nullable String type) {
        try {
            StreamRequest request =
                    new StreamRequest(tenants.of(context), clientOf(context), id, type, lastEventId(context));
            streams.open(request, context.response(), failure -> problems.send(context, failure));
        } catch (RequestRejected e) {
            problems.send(context, e);
        } catch (StreamCapReached e) {
            problems.send(context, problems.of(e, context.request().path()), streams.retryAfterSeconds());
        }
    }

    /**
     * Whom the per-client cap counts a stream against: the client's address as the connection shows it, or as the
     * proxy forwarded it when {@code quarkus.http.proxy.proxy-address-forwarding} is on (Quarkus then reports the
     * forwarded address as the remote one); a forwarding header alone is never trusted.
     */
    private static String clientOf(RoutingContext context) {
        SocketAddress address = context.request().remoteAddress();
        return address == null || address.host() == null ? "unknown" : address.host();
    }

    private static long lastEventId(RoutingContext context) {
        String header = context.request().getHeader("Last-Event-ID");
        List<String> query = context.queryParam("last_event_id");
        String value = header != null ? header : query.isEmpty() ? null : query.get(0);
        if (value == null || value.isBlank()) {
            return -1;
        }
        return RequestNumbers.between(
                value,
                0,
                Long.MAX_VALUE,
                "Last-Event-ID must be an event id this gateway sent (a non-negative integer)");
    }
}
