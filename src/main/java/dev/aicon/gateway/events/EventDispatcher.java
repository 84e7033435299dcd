package dev.aicon.gateway.events;

import dev.aicon.gateway.config.EventsConfig;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.store.EventQuery;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the outbox after the last event it delivered, whenever the store signals new events (LISTEN/NOTIFY on
 * PostgreSQL, so writes of every gateway arrive) and on a poll interval, and publishes them in id order to this
 * gateway's streams. Where ids may commit out of order (PostgreSQL sequences), it never delivers past a missing id
 * until that id appears or {@code aicon.events.gap-timeout} passes (a rolled-back write), so no event is skipped.
 * Signals (which arrive on the writing thread for in-process stores, inside the store's locks) are handed to the
 * dispatcher's own context. While no stream is open, signals are ignored and only the poll moves the position on:
 * writes then cost the
 * outbox no extra read, and the first stream to open starts at most one poll interval behind.
 */
@Startup
@ApplicationScoped
public class EventDispatcher {

    private static final int PAGE = 500;

    private final Outbox outbox;
    private final EventHub hub;
    private final EventsConfig config;
    private final Vertx vertx;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final long pollTimer;
    private final Cancellable signals;
    private volatile long cursor = -1;
    private volatile long droppedThrough = -1;
    private volatile long gapSince;
    private long gapHorizon;

    EventDispatcher(Outbox outbox, EventHub hub, EventsConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.hub = hub;
        this.config = config;
        this.vertx = vertx;
        Context own = vertx.getOrCreateContext();
        signals = outbox.signals()
                .subscribe()
                .with(
                        signal -> {
                            if (hub.size() > 0) {
                                own.runOnContext(v -> drain());
                            }
                        },
                        failure -> Log.errorf(failure, "event signals failed"));
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> drain());
        drain();
    }

    /**
     * The highest id dropped from an in-memory outbox before it was delivered (-1: none). A stream that is not yet
     * live when that happens checks this against where its replay ended.
     */
    public long droppedThrough() {
        return droppedThrough;
    }

    /** Whether an event past a missing id was read and is held back until that id appears or times out. */
    boolean waitingForGap() {
        return gapSince != 0;
    }

    /** The id of the last event delivered to streams: a new stream replays up to here from the outbox. */
    public Uni<Long> cursor() {
        return cursor >= 0 ? Uni.createFrom().item(cursor) : start().replaceWith(() -> cursor);
    }

    /**
     * The id of the last event handed to streams right now (-1 before the first read). Every event published after
     * a caller on a stream's context reads this reaches that stream's context after the caller's task.
     */
    public long position() {
        return cursor;
    }

    private Uni<Void> start() {
        return outbox.range()
                .invoke(range -> {
                    if (cursor < 0) {
                        cursor = range.newest();
                        Log.infof("event dispatcher starts after outbox event %d", cursor);
                    }
                })
                .replaceWithVoid();
    }

    /** Runs one pass at a time; a signal during a pass makes it run again. A new stream calls it to catch up. */
    public void drain() {
        again.set(true);
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        Uni<Void> pass = cursor < 0 ? start() : Uni.createFrom().voidItem();
        pass.chain(() -> outbox.events(EventQuery.everyTenant(cursor, Long.MAX_VALUE, PAGE)))
                .subscribe()
                .with(this::deliver, failure -> {
                    Log.debugf("outbox read failed (%s); the next signal or poll retries", failure.toString());
                    finished(false);
                });
    }

    private void deliver(List<ChangeEvent> events) {
        boolean waitingForGap = false;
        for (ChangeEvent event : events) {
            if (event.id() > cursor + 1 && outbox.commitsInIdOrder()) {
                Log.warnf(
                        "outbox events %d-%d were dropped from memory before they were delivered (more than "
                                + "aicon.events.memory-max-events written faster than streams took them); streams resume",
                        cursor + 1, event.id() - 1);
                droppedThrough = event.id() - 1;
                hub.interruptAll(
                        "events after " + cursor + " were dropped before delivery; reconnect with " + "Last-Event-ID");
            }
            if (event.id() != cursor + 1 && !outbox.commitsInIdOrder() && !gapTimedOut(event, events)) {
                waitingForGap = true;
                break;
            }
            cursor = event.id();
            if (cursor >= gapHorizon) {
                gapSince = 0;
            }
            hub.publish(event);
        }
        if (waitingForGap) {
            vertx.setTimer(50, id -> drain());
        }
        finished(!waitingForGap && events.size() == PAGE);
    }

    /**
     * Missing ids are timed together: the first time a gap is seen, every id up to the highest one read then is
     * given {@code gap-timeout} to appear; after that, all the still missing ones up to there are skipped at once
     * (a rolled-back batch leaves many gaps, which must not cost a timeout each).
     */
    private boolean gapTimedOut(ChangeEvent next, List<ChangeEvent> read) {
        long now = System.nanoTime();
        if (gapSince == 0) {
            gapSince = now;
            gapHorizon = read.get(read.size() - 1).id();
            return false;
        }
        if (now - gapSince < config.gapTimeout().toNanos() && next.id() <= gapHorizon) {
            return false;
        }
        if (next.id() > gapHorizon) {
            gapSince = now;
            gapHorizon = read.get(read.size() - 1).id();
            return false;
        }
        Log.warnf(
                "outbox ids %d-%d never appeared within %s; taken as rolled back",
                cursor + 1, next.id() - 1, config.gapTimeout());
        return true;
    }

    private void finished(boolean more) {
        draining.set(false);
        if (more || again.get()) {
            drain();
        }
    }

    @PreDestroy
    void stop() {
        signals.cancel();
        vertx.cancelTimer(pollTimer);
    }
}
