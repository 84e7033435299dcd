package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.events.EventSink;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * One SSE connection. Live events arrive from the hub on any thread and are handled on the connection's own
 * context. While the outbox is replayed (resume with {@code Last-Event-ID}) live events wait in a bounded queue;
 * after it, each event is written at once. Every event id is written at most once and in order. The bytes the
 * gateway holds for the client (written, not yet taken by the socket) are bounded: past
 * {@code aicon.events.client-buffer-bytes} the client is cut off with a reconnect hint and resumes from its last id.
 */
final class SseStream implements EventSink {

    /** Live events held while the outbox is replayed; more means the client cannot keep up. */
    static final int MAX_HELD = 10_000;
    /** A client that does not even take the final notice is disconnected after this long. */
    static final long CLOSE_AFTER_MILLIS = 5_000;

    private final HttpServerResponse response;
    private final Context context;
    private final Predicate<ChangeEvent> filter;
    private final SseFormat format;
    private final long maxPendingBytes;
    private final long reconnectMillis;
    private final SseMetrics metrics;
    private final Queue<ChangeEvent> held = new ArrayDeque<>();
    /** NEW until the headers are sent; REPLAYING while the outbox is read; LIVE after; ENDED whichever way. */
    private enum State {
        NEW, REPLAYING, LIVE, ENDED
    }

    private State state = State.NEW;
    private long lastSent;
    private long pendingBytes;
    private Runnable onEnd = () -> { };
    private Runnable onDrained;

    SseStream(HttpServerResponse response, Context context, Predicate<ChangeEvent> filter, ObjectMapper mapper,
            long maxPendingBytes, long reconnectMillis, SseMetrics metrics) {
        this.response = response;
        this.context = context;
        this.filter = filter;
        this.format = new SseFormat(mapper);
        this.maxPendingBytes = maxPendingBytes;
        this.reconnectMillis = reconnectMillis;
        this.metrics = metrics;
        response.closeHandler(v -> end());
        if (response.closed()) {
            end();
        }
    }

    /** What to do once the stream ends, whichever way; runs at once when it already has. */
    void onEnd(Runnable action) {
        this.onEnd = action;
        if (ended()) {
            action.run();
        }
    }

    /** Sends the headers and the client's reconnect delay; events after {@code lastEventId} follow. */
    void open(long lastEventId) {
        state = State.REPLAYING;
        lastSent = lastEventId;
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        write(SseFormat.retry(reconnectMillis));
    }

    @Override
    public boolean wants(ChangeEvent event) {
        return filter.test(event);
    }

    @Override
    public void offer(ChangeEvent event) {
        context.runOnContext(v -> {
            if (ended()) {
                return;
            }
            if (state != State.LIVE) {
                held.add(event);
                if (held.size() > MAX_HELD) {
                    cutOff("more than " + MAX_HELD + " live events arrived while the history was replayed");
                }
            } else {
                send(event);
            }
        });
    }

    /** Writes a replayed event; on the connection's context. */
    void replayed(ChangeEvent event) {
        send(event);
    }

    /** The replay reached the dispatcher's position: flush the held live events and go live. */
    void live() {
        if (ended()) {
            return;
        }
        state = State.LIVE;
        while (state == State.LIVE && !held.isEmpty()) {
            send(held.poll());
        }
    }

    /** Runs {@code next} once the socket has taken everything written so far (a replay waits so between pages). */
    void whenDrained(Runnable next) {
        if (pendingBytes == 0) {
            next.run();
        } else {
            onDrained = next;
        }
    }

    /** Tells the client something other than an event (a reset after retention, for example). */
    void notice(String event, Map<String, Object> data) {
        write(format.notice(event, data));
    }

    void heartbeat() {
        if (!ended() && pendingBytes == 0) {
            write(SseFormat.HEARTBEAT);
        }
    }

    private void send(ChangeEvent event) {
        if (ended() || event.id() <= lastSent) {
            return;
        }
        write(format.event(event));
        lastSent = event.id();
        metrics.sent();
        if (pendingBytes > maxPendingBytes) {
            cutOff(pendingBytes + " bytes are waiting for the client (limit " + maxPendingBytes + ")");
        }
    }

    private void write(String text) {
        if (ended()) {
            return;
        }
        Buffer bytes = Buffer.buffer(text);
        int size = bytes.length();
        pendingBytes += size;
        metrics.pending(size);
        response.write(bytes).onComplete(done -> {
            pendingBytes -= size;
            metrics.pending(-size);
            if (pendingBytes == 0 && onDrained != null && !ended()) {
                Runnable next = onDrained;
                onDrained = null;
                next.run();
            }
        });
    }

    /** Ends a stream the client cannot keep up with; it reconnects and resumes from its last event id. */
    private void cutOff(String why) {
        Log.infof("SSE client cut off after event %d: %s", lastSent, why);
        metrics.cutOff();
        finish("slow-client", why);
    }

    @Override
    public void close(String reason) {
        context.runOnContext(v -> finish("shutdown", reason));
    }

    /** Ends the stream after a failure of the gateway's own; the client resumes from its last id. */
    void fail(String reason) {
        finish("error", reason);
    }

    /** Ends a live stream; one still opening or replaying checks for dropped events when it goes live. */
    @Override
    public void interrupt(String reason) {
        context.runOnContext(v -> {
            if (state == State.LIVE) {
                fail(reason);
            }
        });
    }

    private void finish(String event, String reason) {
        if (ended()) {
            return;
        }
        if (state == State.NEW) {
            state = State.ENDED;
            response.close();
            onEnd.run();
            return;
        }
        write(SseFormat.retry(reconnectMillis));
        write(format.notice(event, Map.of("reason", reason, "last_event_id", lastSent)));
        state = State.ENDED;
        held.clear();
        long closer = context.owner().setTimer(CLOSE_AFTER_MILLIS, id -> response.close());
        response.end().onComplete(done -> {
            context.owner().cancelTimer(closer);
            response.close();
        });
        onEnd.run();
    }

    private void end() {
        if (state != State.ENDED) {
            state = State.ENDED;
            held.clear();
            onEnd.run();
        }
    }

    boolean ended() {
        return state == State.ENDED;
    }
}
