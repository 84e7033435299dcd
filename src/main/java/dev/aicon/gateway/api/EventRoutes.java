package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.EventsConfig;
import dev.aicon.gateway.config.FeatureFlags;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.events.EventDispatcher;
import dev.aicon.gateway.events.EventHub;
import dev.aicon.gateway.events.StreamSlots;
import dev.aicon.gateway.service.ServiceException;
import dev.aicon.gateway.store.GuardedStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * {@code GET /v1/aicons/{id}/events} and {@code GET /v1/events?aicon_type=}: Server-Sent Events of every accepted
 * write. A client resuming with {@code Last-Event-ID} (or {@code ?last_event_id=}) first gets the outbox events after
 * that id, read page by page as the socket takes them ({@link SseReplay}), then the live ones; a comment line every
 * {@code aicon.events.heartbeat} keeps idle connections open. Vert.x routes, so the bytes held for each client are
 * visible and bounded ({@link SseStream}). Open streams are capped per gateway and per client address
 * ({@link StreamSlots}): past a cap the answer is 429 {@code too-many-streams} with {@code Retry-After}.
 */
@ApplicationScoped
public class EventRoutes {

    private final EventHub hub;
    private final EventDispatcher dispatcher;
    private final GuardedStore store;
    private final FeatureFlags flags;
    private final EventsConfig config;
    private final Problems problems;
    private final ObjectMapper mapper;
    private final SseMetrics metrics;
    private final StreamSlots slots;

    EventRoutes(EventHub hub, EventDispatcher dispatcher, GuardedStore store, FeatureFlags flags, EventsConfig config,
            Problems problems, ObjectMapper mapper, SseMetrics metrics, StreamSlots slots) {
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.store = store;
        this.flags = flags;
        this.config = config;
        this.problems = problems;
        this.mapper = mapper;
        this.metrics = metrics;
        this.slots = slots;
        if (config.replayPageSize() < 1) {
            throw new IllegalArgumentException("aicon.events.replay-page-size must be at least 1, not "
                    + config.replayPageSize());
        }
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, "/v1/aicons/:id/events").order(BrainRoutes.ORDER).handler(this::aicon);
        router.route(HttpMethod.GET, "/v1/events").order(BrainRoutes.ORDER).handler(this::all);
    }

    private void aicon(RoutingContext context) {
        String id = context.pathParam("id");
        if (!Identifiers.isValid(id)) {
            problems.send(context, RequestRejected.malformed("the AIcon id " + Identifiers.rule()));
        } else if (!flags.isOnFor(FeatureFlags.Feature.sse, id)) {
            problems.send(context, new ServiceException.FeatureOff(id, "sse"));
        } else {
            stream(context, id, null);
        }
    }

    private void all(RoutingContext context) {
        List<String> types = context.queryParam("aicon_type");
        if (!flags.isOn(FeatureFlags.Feature.sse)) {
            problems.send(context, new ServiceException.FeatureOff(null, "sse"));
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
        long lastEventId;
        StreamSlots.Slot slot;
        try {
            lastEventId = lastEventId(context);
            slot = slots.take(clientOf(context));
        } catch (RequestRejected e) {
            problems.send(context, e);
            return;
        } catch (ServiceException.TooManyStreams e) {
            problems.send(context, problems.of(e, context.request().path()), retryAfterSeconds());
            return;
        }
        Predicate<ChangeEvent> filter = event -> (id == null || id.equals(event.aiconId()))
                && (type == null || type.equals(event.aiconType()));
        Context connection = context.vertx().getOrCreateContext();
        SseStream stream = new SseStream(context.response(), connection, filter, mapper,
                config.clientBufferBytes().asLongValue(), config.reconnectDelay().toMillis(), config.replayPageSize(),
                metrics);
        hub.add(stream);
        stream.onEnd(() -> hub.remove(stream));
        stream.onEnd(slot::release);
        dispatcher.drain();
        Executor onConnection = command -> connection.runOnContext(v -> command.run());
        dispatcher.cursor().chain(cursor -> lastEventId >= 0 ? Uni.createFrom().item(cursor) : newestFrom(cursor))
                .emitOn(onConnection).subscribe().with(cursor -> {
            if (stream.ended()) {
                return;
            }
            long heartbeat = context.vertx().setPeriodic(config.heartbeat().toMillis(), t -> stream.heartbeat());
            stream.onEnd(() -> context.vertx().cancelTimer(heartbeat));
            SseReplay replay = new SseReplay(store, dispatcher, stream, onConnection, id, type,
                    config.replayPageSize());
            if (lastEventId < 0) {
                stream.open(cursor);
                replay.caughtUp(cursor);
            } else {
                stream.open(lastEventId);
                replay.resume(lastEventId, cursor);
            }
        }, failure -> {
            stream.discard();
            problems.send(context, failure);
        });
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

    private int retryAfterSeconds() {
        return (int) Math.max(1, (config.streamsRetryAfter().toMillis() + 999) / 1000);
    }

    /**
     * Where a stream without {@code Last-Event-ID} starts: after the newest event written so far, even while this
     * gateway's dispatcher (idle without streams, moved on only by its poll) is still behind it.
     */
    private Uni<Long> newestFrom(long cursor) {
        return store.eventRange().map(range -> Math.max(cursor, range.newest()));
    }

    private static long lastEventId(RoutingContext context) {
        String header = context.request().getHeader("Last-Event-ID");
        List<String> query = context.queryParam("last_event_id");
        String value = header != null ? header : query.isEmpty() ? null : query.get(0);
        if (value == null || value.isBlank()) {
            return -1;
        }
        return RequestNumbers.between(value, 0, Long.MAX_VALUE,
                "Last-Event-ID must be an event id this gateway sent (a non-negative integer)");
    }
}
