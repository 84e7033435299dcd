package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.EventsConfig;
import dev.aicon.gateway.config.FeatureFlags;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.events.EventDispatcher;
import dev.aicon.gateway.events.EventHub;
import dev.aicon.gateway.service.ServiceException;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.GuardedStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * {@code GET /v1/aicons/{id}/events} and {@code GET /v1/events?aicon_type=}: Server-Sent Events of every accepted
 * write. A client resuming with {@code Last-Event-ID} (or {@code ?last_event_id=}) first gets the outbox events after
 * that id, read page by page as the socket takes them, then the live ones; a comment line every
 * {@code aicon.events.heartbeat} keeps idle connections open. Vert.x routes, so the bytes held for each client are
 * visible and bounded ({@link SseStream}).
 */
@ApplicationScoped
public class EventRoutes {

    private static final int REPLAY_PAGE = 200;

    private final EventHub hub;
    private final EventDispatcher dispatcher;
    private final GuardedStore store;
    private final FeatureFlags flags;
    private final EventsConfig config;
    private final Problems problems;
    private final ObjectMapper mapper;
    private final SseMetrics metrics;

    EventRoutes(EventHub hub, EventDispatcher dispatcher, GuardedStore store, FeatureFlags flags, EventsConfig config,
            Problems problems, ObjectMapper mapper, SseMetrics metrics) {
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.store = store;
        this.flags = flags;
        this.config = config;
        this.problems = problems;
        this.mapper = mapper;
        this.metrics = metrics;
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
            type = Listing.filter("aicon_type", types.isEmpty() ? null : types.get(0));
        } catch (RequestRejected e) {
            problems.send(context, e);
            return;
        }
        stream(context, null, type);
    }

    private void stream(RoutingContext context, String id, String type) {
        long lastEventId;
        try {
            lastEventId = lastEventId(context);
        } catch (RequestRejected e) {
            problems.send(context, e);
            return;
        }
        Predicate<ChangeEvent> filter = event -> (id == null || id.equals(event.aiconId()))
                && (type == null || type.equals(event.aiconType()));
        Context connection = context.vertx().getOrCreateContext();
        SseStream stream = new SseStream(context.response(), connection, filter, mapper,
                config.clientBufferBytes().asLongValue(), config.reconnectDelay().toMillis(), metrics);
        hub.add(stream);
        dispatcher.drain();
        Executor onConnection = command -> connection.runOnContext(v -> command.run());
        dispatcher.cursor().chain(cursor -> lastEventId >= 0 ? Uni.createFrom().item(cursor) : newestFrom(cursor))
                .emitOn(onConnection).subscribe().with(cursor -> {
            long heartbeat = context.vertx().setPeriodic(config.heartbeat().toMillis(), t -> stream.heartbeat());
            stream.onEnd(() -> {
                hub.remove(stream);
                context.vertx().cancelTimer(heartbeat);
            });
            if (stream.ended()) {
                return;
            }
            stream.open(lastEventId < 0 ? cursor : lastEventId);
            if (lastEventId < 0) {
                goLive(stream, cursor);
            } else {
                replay(stream, onConnection, new EventQuery(lastEventId, cursor, id, type, REPLAY_PAGE), true);
            }
        }, failure -> {
            hub.remove(stream);
            problems.send(context, failure);
        });
    }

    /**
     * Where a stream without {@code Last-Event-ID} starts: after the newest event written so far, even while this
     * gateway's dispatcher (idle without streams, moved on only by its poll) is still behind it.
     */
    private Uni<Long> newestFrom(long cursor) {
        return store.eventRange().map(range -> Math.max(cursor, range.newest()));
    }

    /**
     * Switches a stream that has everything up to {@code position} to live events, unless events after that
     * position were dropped before delivery meanwhile: then it ends, and the client's resume learns what it missed.
     */
    private void goLive(SseStream stream, long position) {
        if (dispatcher.droppedThrough() > position) {
            stream.fail("events after " + position + " were dropped before delivery; reconnect with Last-Event-ID");
        } else {
            stream.live();
        }
    }

    /** Replays one page, then the next once the socket has taken it, so a replay never piles up in memory. */
    private void replay(SseStream stream, Executor onConnection, EventQuery query, boolean first) {
        Uni<Void> notice = first ? checkKept(stream, onConnection, query.afterId()) : Uni.createFrom().voidItem();
        notice.chain(() -> store.events(query)).emitOn(onConnection)
                .subscribe().with(events -> {
            events.forEach(stream::replayed);
            if (events.size() < query.limit() || stream.ended()) {
                goLive(stream, query.upToId());
                return;
            }
            long next = events.get(events.size() - 1).id();
            stream.whenDrained(() -> replay(stream, onConnection, new EventQuery(next, query.upToId(),
                    query.aiconId(), query.aiconType(), query.limit()), false));
        }, failure -> stream.fail("the outbox cannot be read (" + failure.getClass().getSimpleName()
                + "); reconnect with Last-Event-ID"));
    }

    /** Tells a client that resumes from before the oldest kept event that it missed events and must reload. */
    private Uni<Void> checkKept(SseStream stream, Executor onConnection, long lastEventId) {
        return store.eventRange().emitOn(onConnection).invoke(range -> {
            if (range.oldest() > lastEventId + 1) {
                stream.notice("reset", Map.of("reason", "events after " + lastEventId + " are no longer kept "
                        + "(aicon.events.retention); reload the state you follow", "oldest_kept", range.oldest()));
            }
        }).replaceWithVoid();
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
