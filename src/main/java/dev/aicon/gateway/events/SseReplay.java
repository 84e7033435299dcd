package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.EventQuery;
import io.smallrye.mutiny.Uni;
import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Brings one stream from where it starts to live events: the outbox after its {@code Last-Event-ID} is read one page
 * at a time ({@code aicon.events.replay-page-size}), and the next page only once the socket has taken the previous
 * one, so a replay of a day of events holds one page, never the day. At the dispatcher's position the stream goes
 * live; if it let live events go meanwhile ({@link SseStream#fellBehind()}), it first reads on from the outbox up to
 * the dispatcher's new position. Runs on the connection's context.
 */
final class SseReplay {

    private final Outbox outbox;
    private final EventDispatcher dispatcher;
    private final SseStream stream;
    private final Executor onConnection;
    private final TenantId tenant;
    private final @Nullable String aiconId;
    private final @Nullable String aiconType;
    private final int pageSize;

    SseReplay(
            Outbox outbox,
            EventDispatcher dispatcher,
            SseStream stream,
            Executor onConnection,
            TenantId tenant,
            @Nullable String aiconId,
            @Nullable String aiconType,
            int pageSize) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.stream = stream;
        this.onConnection = onConnection;
        this.tenant = tenant;
        this.aiconId = aiconId;
        this.aiconType = aiconType;
        this.pageSize = pageSize;
    }

    /** Replays the outbox after {@code lastEventId} up to {@code upToId}, then goes live. */
    void resume(long lastEventId, long upToId) {
        checkKept(lastEventId).subscribe().with(kept -> page(lastEventId, upToId), this::failed);
    }

    /**
     * The stream has every event up to {@code position}: it goes live, unless it let live events go (then it reads
     * on from the outbox) or events after that position were dropped before delivery (then it ends, and the client's
     * resume learns what it missed).
     */
    void caughtUp(long position) {
        if (stream.ended()) {
            return;
        }
        if (stream.fellBehind()) {
            page(position, Math.max(position, dispatcher.position()));
        } else if (dispatcher.droppedThrough() > position) {
            stream.fail("events after " + position + " were dropped before delivery; reconnect with Last-Event-ID");
        } else {
            stream.live();
        }
    }

    private void page(long afterId, long upToId) {
        outbox.events(EventQuery.ofTenant(tenant, afterId, upToId, aiconId, aiconType, pageSize))
                .emitOn(onConnection)
                .subscribe()
                .with(
                        events -> {
                            if (events.size() < pageSize) {
                                stream.replay(events, () -> caughtUp(upToId));
                            } else {
                                long next = events.get(events.size() - 1).id();
                                stream.replay(events, () -> page(next, upToId));
                            }
                        },
                        this::failed);
    }

    /** Tells a client that resumes from before the oldest kept event that it missed events and must reload. */
    private Uni<Void> checkKept(long lastEventId) {
        return outbox.range()
                .emitOn(onConnection)
                .invoke(range -> {
                    if (range.oldest() > lastEventId + 1) {
                        stream.notice(
                                "reset",
                                Map.of(
                                        "reason",
                                        "events after " + lastEventId + " are no longer kept "
                                                + "(aicon.events.retention); reload the state you follow",
                                        "oldest_kept",
                                        range.oldest()));
                    }
                })
                .replaceWithVoid();
    }

    private void failed(Throwable failure) {
        stream.fail(
                "the outbox cannot be read (" + failure.getClass().getSimpleName() + "); reconnect with Last-Event-ID");
    }
}
