package dev.aicon.gateway.events;

import dev.aicon.gateway.config.EventsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The caps on open SSE streams: at most {@code aicon.events.max-streams} on this gateway and
 * {@code aicon.events.max-streams-per-client} per client key. A stream takes a {@link Slot} before it opens and gives
 * it back when it ends, whichever way; counting is lock-free (one atomic counter, one atomic map update).
 */
@Singleton
public class StreamSlots {

    private final int max;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Counter refused;

    StreamSlots(EventsConfig config, MeterRegistry registry) {
        this.max = config.maxStreams();
        this.maxPerClient = config.maxStreamsPerClient();
        if (max < 1 || maxPerClient < 1) {
            throw new IllegalArgumentException("aicon.events.max-streams and aicon.events.max-streams-per-client "
                    + "must be at least 1, not " + max + " and " + maxPerClient);
        }
        this.refused = registry.counter("aicon.sse.streams.refused");
    }

    /**
     * A slot for one more stream of {@code client}.
     *
     * @throws StreamCapReached when a cap is reached, naming it
     */
    public Slot take(String client) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.increment();
            throw new StreamCapReached(
                    "this gateway serves its maximum of " + max + " SSE streams " + "(aicon.events.max-streams)");
        }
        boolean[] taken = {false};
        perClient.compute(client, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerClient) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            open.decrementAndGet();
            refused.increment();
            throw new StreamCapReached("client " + client + " already holds its maximum of " + maxPerClient
                    + " SSE streams (aicon.events.max-streams-per-client)");
        }
        return new Slot(client);
    }

    /** Streams open on this gateway now. */
    public int open() {
        return open.get();
    }

    /** Streams {@code client} holds open now. */
    public int openBy(String client) {
        return perClient.getOrDefault(client, 0);
    }

    /** One open stream's place under the caps; giving it back twice counts once. */
    public final class Slot {

        private final String client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String client) {
            this.client = client;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                perClient.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
                open.decrementAndGet();
            }
        }
    }
}
