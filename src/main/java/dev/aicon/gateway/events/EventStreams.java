package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.EventsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Singleton;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The SSE session protocol: a stream takes a slot under the caps ({@link StreamSlots}), joins the hub, starts where
 * the client asks (after its {@code Last-Event-ID}, replayed from the outbox by {@link SseReplay}, or after the
 * newest event written so far), sends a heartbeat comment every {@code aicon.events.heartbeat} and ends with a
 * reconnect hint when the client falls behind ({@link SseStream}). Runs on the connection's context.
 */
@Singleton
public class EventStreams {

    private final EventHub hub;
    private final EventDispatcher dispatcher;
    private final Outbox outbox;
    private final StreamSlots slots;
    private final EventsConfig config;
    private final ObjectMapper mapper;
    private final SseMetrics metrics;
    private final Vertx vertx;

    EventStreams(
            EventHub hub,
            EventDispatcher dispatcher,
            Outbox outbox,
            StreamSlots slots,
            EventsConfig config,
            ObjectMapper mapper,
            SseMetrics metrics,
            Vertx vertx) {
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.slots = slots;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
        this.vertx = vertx;
        if (config.replayPageSize() < 1) {
            throw new IllegalArgumentException(
                    "aicon.events.replay-page-size must be at least 1, not " + config.replayPageSize());
        }
    }

    /**
     * Opens the stream {@code request} asks for on {@code response}; call it on the connection's context. When the
     * stream fails before its headers are sent, it is given up and {@code failedBeforeOpening} answers instead.
     *
     * @throws StreamCapReached when a cap on open streams is reached; nothing was sent
     */
    public void open(StreamRequest request, HttpServerResponse response, Consumer<Throwable> failedBeforeOpening) {
        StreamSlots.Slot slot = slots.take(request.client());
        Context connection = vertx.getOrCreateContext();
        SseStream stream = new SseStream(
                response,
                connection,
                request.filter(),
                mapper,
                config.clientBufferBytes().asLongValue(),
                config.reconnectDelay().toMillis(),
                config.replayPageSize(),
                metrics);
        hub.add(stream);
        stream.onEnd(() -> hub.remove(stream));
        stream.onEnd(slot::release);
        dispatcher.drain();
        Executor onConnection = command -> connection.runOnContext(v -> command.run());
        dispatcher
                .cursor()
                .chain(cursor -> request.resumes() ? Uni.createFrom().item(cursor) : newestFrom(cursor))
                .emitOn(onConnection)
                .subscribe()
                .with(cursor -> start(stream, request, cursor, onConnection), failure -> {
                    stream.discard();
                    failedBeforeOpening.accept(failure);
                });
    }

    /** Seconds a client refused by a cap should wait before it tries again. */
    public int retryAfterSeconds() {
        return (int) Math.max(1, (config.streamsRetryAfter().toMillis() + 999) / 1000);
    }

    private void start(SseStream stream, StreamRequest request, long cursor, Executor onConnection) {
        if (stream.ended()) {
            return;
        }
        long heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), t -> stream.heartbeat());
        stream.onEnd(() -> vertx.cancelTimer(heartbeat));
        SseReplay replay = new SseReplay(
                outbox,
                dispatcher,
                stream,
                onConnection,
                request.tenant(),
                request.aiconId(),
                request.aiconType(),
                config.replayPageSize());
        if (request.resumes()) {
            stream.open(request.lastEventId());
            replay.resume(request.lastEventId(), cursor);
        } else {
            stream.open(cursor);
            replay.caughtUp(cursor);
        }
    }

    /**
     * Where a stream without {@code Last-Event-ID} starts: after the newest event written so far, even while this
     * gateway's dispatcher (idle without streams, moved on only by its poll) is still behind it.
     */
    private Uni<Long> newestFrom(long cursor) {
        return outbox.range().map(range -> Math.max(cursor, range.newest()));
    }
}
