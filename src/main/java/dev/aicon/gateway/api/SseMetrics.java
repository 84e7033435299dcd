package dev.aicon.gateway.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * SSE meters: events sent, slow clients cut off, and the bytes all streams hold for their clients right now
 * ({@code aicon.sse.pending.bytes}) with the most ever held ({@code aicon.sse.pending.bytes.peak}).
 */
@ApplicationScoped
public class SseMetrics {

    private final Counter sent;
    private final Counter cutOffs;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    SseMetrics(MeterRegistry registry) {
        this.sent = registry.counter("aicon.sse.events.sent");
        this.cutOffs = registry.counter("aicon.sse.cutoffs");
        registry.gauge("aicon.sse.pending.bytes", pending);
        registry.gauge("aicon.sse.pending.bytes.peak", peak);
    }

    void sent() {
        sent.increment();
    }

    void cutOff() {
        cutOffs.increment();
    }

    void pending(long delta) {
        long now = pending.addAndGet(delta);
        peak.accumulateAndGet(now, Math::max);
    }
}
