package dev.aicon.gateway.store.postgres;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cross-gateway event channel on PostgreSQL. One LISTEN connection per gateway on the {@code aicon_events} channel,
 * reconnected with back-off when it drops.
 * Each notification (and each reconnect, since notifications may have been missed meanwhile) is a signal that new
 * outbox events may exist, whichever gateway wrote them.
 */
public final class PgEventChannel implements EventChannel, AutoCloseable {

    static final String CHANNEL = "aicon_events";
    private static final String NOTIFY = "NOTIFY " + CHANNEL;

    /** Announcements of writes within this window share one NOTIFY. */
    static final long COALESCE_MILLIS = 5;

    private final Vertx vertx;
    private final Pool pool;
    private final AtomicBoolean announcing = new AtomicBoolean();
    private final boolean announceWrites;
    private volatile boolean closed;
    private final PgSubscriber subscriber;
    private final SerializedProcessor<Long, Long> signals =
            BroadcastProcessor.<Long>create().serialized();
    private final AtomicLong received = new AtomicLong();

    /** {@code announceWrites} false: this gateway's writes reach other gateways' streams at their next poll. */
    public PgEventChannel(Vertx vertx, PgConnectOptions options, Pool pool, boolean announceWrites) {
        this.vertx = vertx;
        this.pool = pool;
        this.announceWrites = announceWrites;
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(PgEventChannel::backOff);
        subscriber
                .channel(CHANNEL)
                .subscribeHandler(v -> {
                    Log.infof("listening for outbox events on PostgreSQL channel %s", CHANNEL);
                    signals.onNext(received.incrementAndGet());
                })
                .handler(payload -> signals.onNext(received.incrementAndGet()));
        subscriber.closeHandler(v -> Log.warnf("LISTEN connection for %s closed; reconnecting", CHANNEL));
        connect(0);
    }

    private void connect(int attempt) {
        subscriber.connect().onFailure(e -> {
            if (closed) {
                return;
            }
            Log.warnf("LISTEN %s: cannot connect (%s); retrying", CHANNEL, e.getMessage());
            vertx.setTimer(backOff(attempt), id -> {
                if (!closed) {
                    connect(attempt + 1);
                }
            });
        });
    }

    /** 100 ms doubling per attempt, at most 5 s. */
    private static long backOff(int attempt) {
        return Math.min(5_000L, 100L * (1L << Math.min(attempt, 6)));
    }

    @Override
    public Multi<Long> signals() {
        return Multi.createFrom().publisher(signals);
    }

    /**
     * Tells every gateway (this one included) that events were committed: one {@code NOTIFY} for all the writes
     * announced within {@link #COALESCE_MILLIS}, sent after they committed and outside their transactions, so
     * writes never queue on PostgreSQL's notification lock. A lost notification only delays delivery to the next
     * poll ({@code aicon.events.poll-interval}).
     */
    @Override
    public void announce() {
        if (announceWrites && announcing.compareAndSet(false, true)) {
            vertx.setTimer(COALESCE_MILLIS, id -> {
                announcing.set(false);
                pool.query(NOTIFY)
                        .execute()
                        .subscribe()
                        .with(
                                rows -> {},
                                e -> Log.debugf(
                                        "NOTIFY %s failed (%s); readers catch up at their next poll",
                                        CHANNEL, e.toString()));
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        subscriber.close();
    }
}
