package dev.aicon.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * SSE meters: events sent, slow clients cut off, the bytes all streams hold for their clients right now
 * ({@code aicon.sse.pending.bytes}) with the most ever held ({@code aicon.sse.pending.bytes.peak}), and the most
 * events one stream ever held in memory at once ({@code aicon.sse.stream.events.held.peak}: the unwritten part of a
 * replay page plus the live events held while replaying; never above {@code aicon.events.replay-page-size}).
 */
@ApplicationScoped
public class SseMetrics {

    private final Counter sent;
    private final Counter cutOffs;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong eventsHeldPeak = new AtomicLong();

    SseMetrics(MeterRegistry registry) {
        this.sent = registry.counter("aicon.sse.events.sent");
        this.cutOffs = registry.counter("aicon.sse.cutoffs");
        registry.gauge("aicon.sse.pending.bytes", pending);
        registry.gauge("aicon.sse.pending.bytes.peak", peak);
        registry.gauge("aicon.sse.stream.events.held.peak", eventsHeldPeak);
    }

    void sent() {
        sent.increment();
    }

    void cutOff() {
        cutOffs.increment();
    }

    /** What one stream holds in events now. */
    void eventsHeld(int count) {
        eventsHeldPeak.accumulateAndGet(count, Math::max);
    }

    void pending(long delta) {
        long now = pending.addAndGet(delta);
        peak.accumulateAndGet(now, Math::max);
    }
}
