package dev.aicon.gateway.store.postgres;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One LISTEN connection per gateway on the {@code aicon_events} channel, reconnected with back-off when it drops.
 * Each notification (and each reconnect, since notifications may have been missed meanwhile) is a signal that new
 * outbox events may exist, whichever gateway wrote them.
 */
public final class PgEventSignals implements AutoCloseable {

    static final String CHANNEL = "aicon_events";

    private final Vertx vertx;
    private final PgSubscriber subscriber;
    private final SerializedProcessor<Long, Long> signals = BroadcastProcessor.<Long>create().serialized();
    private final AtomicLong received = new AtomicLong();

    public PgEventSignals(Vertx vertx, PgConnectOptions options) {
        this.vertx = vertx;
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> Math.min(5_000L, 100L * (1L << Math.min(attempt, 6))));
        subscriber.channel(CHANNEL)
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
            Log.warnf("LISTEN %s: cannot connect (%s); retrying", CHANNEL, e.getMessage());
            long delay = Math.min(5_000L, 100L * (1L << Math.min(attempt, 6)));
            vertx.setTimer(delay, id -> connect(attempt + 1));
        });
    }

    public Multi<Long> signals() {
        return Multi.createFrom().publisher(signals);
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
