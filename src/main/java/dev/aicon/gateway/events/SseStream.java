package dev.aicon.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.domain.ChangeEvent;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * One SSE connection. Live events arrive from the hub on any thread and are handled on the connection's own
 * context. While the outbox is replayed (resume with {@code Last-Event-ID}) live events wait in a queue; after it,
 * each event is written at once. Every event id is written at most once and in order.
 * <p>
 * What the gateway holds for one client is bounded twice. Bytes written but not yet taken by the socket: past
 * {@code aicon.events.client-buffer-bytes} the client is cut off with a reconnect hint and resumes from its last id.
 * Events: the replay page not yet written plus the live events held meanwhile never exceed
 * {@code aicon.events.replay-page-size}; when live events would pass that, the held ones are let go and the stream
 * is marked {@link #fellBehind() behind}, so its replay reads them from the outbox instead.
 */
final class SseStream implements EventSink {
    /** A client that does not even take the final notice is disconnected after this long. */
    static final long CLOSE_AFTER_MILLIS = 5_000;

    private final HttpServerResponse response;
    private final Context context;
    private final Predicate<ChangeEvent> filter;
    private final SseFormat format;
    private final long maxPendingBytes;
    private final long reconnectMillis;
    private final int maxEvents;
    private final SseMetrics metrics;
    private final Queue<ChangeEvent> held = new ArrayDeque<>();
    private final List<Runnable> onEnd = new ArrayList<>();
    /** NEW until the headers are sent; REPLAYING while the outbox is read; LIVE after; ENDED whichever way. */
    private enum State {
        NEW,
        REPLAYING,
        LIVE,
        ENDED
    }

    private State state = State.NEW;
    private long lastSent;
    private long pendingBytes;
    private @Nullable Runnable onDrained;
    private List<ChangeEvent> page = List.of();
    private int written;
    private boolean behind;

    SseStream(
            HttpServerResponse response,
            Context context,
            Predicate<ChangeEvent> filter,
            ObjectMapper mapper,
            long maxPendingBytes,
            long reconnectMillis,
            int maxEvents,
            SseMetrics metrics) {
        this.response = response;
        this.context = context;
        this.filter = filter;
        this.format = new SseFormat(mapper);
        this.maxPendingBytes = maxPendingBytes;
        this.reconnectMillis = reconnectMillis;
        this.maxEvents = maxEvents;
        this.metrics = metrics;
        response.closeHandler(v -> end());
        if (response.closed()) {
            end();
        }
    }

    /** One more thing to do once the stream ends, whichever way; runs at once when it already has. */
    void onEnd(Runnable action) {
        if (ended()) {
            action.run();
        } else {
            onEnd.add(action);
        }
    }

    /** Sends the headers and the client's reconnect delay; events after {@code lastEventId} follow. */
    void open(long lastEventId) {
        state = State.REPLAYING;
        lastSent = lastEventId;
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
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
                keepWithinMaxEvents();
            } else {
                send(event);
            }
        });
    }

    /**
     * Writes one replayed page, pausing whenever half the client buffer waits for the socket, and runs {@code next}
     * once the socket has taken all of it; on the connection's context. Nothing runs after the stream ends.
     */
    void replay(List<ChangeEvent> events, Runnable next) {
        page = events;
        written = 0;
        keepWithinMaxEvents();
        writePage(next);
    }

    private void writePage(Runnable next) {
        while (written < page.size() && !ended()) {
            if (pendingBytes > maxPendingBytes / 2) {
                onDrained = () -> writePage(next);
                return;
            }
            send(page.get(written++));
        }
        page = List.of();
        written = 0;
        if (pendingBytes == 0) {
            next.run();
        } else {
            onDrained = next;
        }
    }

    /** Lets the held live events go, and marks the stream behind, when they and the page would pass the bound. */
    private void keepWithinMaxEvents() {
        if (held.size() + unwritten() > maxEvents) {
            held.clear();
            behind = true;
        }
        metrics.eventsHeld(held.size() + unwritten());
    }

    private int unwritten() {
        return page.size() - written;
    }

    /**
     * Whether live events were let go since the last call (the replay must then read on from the outbox, up to the
     * dispatcher's position now); the held ones are let go too, as the outbox has them.
     */
    boolean fellBehind() {
        boolean was = behind;
        if (was) {
            behind = false;
            held.clear();
        }
        return was;
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
            response.close();
            end();
            return;
        }
        write(SseFormat.retry(reconnectMillis));
        write(format.notice(event, Map.of("reason", reason, "last_event_id", lastSent)));
        long closer = context.owner().setTimer(CLOSE_AFTER_MILLIS, id -> response.close());
        response.end().onComplete(done -> {
            context.owner().cancelTimer(closer);
            response.close();
        });
        end();
    }

    /** Ends a stream that never opened, whose answer is sent by someone else (a problem); on its context. */
    void discard() {
        end();
    }

    private void end() {
        if (state != State.ENDED) {
            state = State.ENDED;
            held.clear();
            page = List.of();
            written = 0;
            onDrained = null;
            onEnd.forEach(Runnable::run);
            onEnd.clear();
        }
    }

    /** The id of the last event written to the client (or where it started). */
    long lastSent() {
        return lastSent;
    }

    boolean ended() {
        return state == State.ENDED;
    }
}
