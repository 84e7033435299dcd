package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.ChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live SSE streams of this gateway; the dispatcher publishes each outbox event to those that want it. A plain
 * singleton (no client proxy), so the JVM shutdown hook can still reach it while the container stops.
 */
@Singleton
public class EventHub {

    private final Set<EventSink> sinks = ConcurrentHashMap.newKeySet();

    EventHub(MeterRegistry registry) {
        registry.gaugeCollectionSize("aicon.sse.streams", java.util.List.of(), sinks);
    }

    public void add(EventSink sink) {
        sinks.add(sink);
    }

    public void remove(EventSink sink) {
        sinks.remove(sink);
    }

    void publish(ChangeEvent event) {
        for (EventSink sink : sinks) {
            if (sink.wants(event)) {
                sink.offer(event);
            }
        }
    }

    /** Ends every stream because events were lost before delivery; clients resume from their last ids. */
    void interruptAll(String reason) {
        sinks.forEach(sink -> sink.interrupt(reason));
    }

    /** Ends every stream with a reconnect hint; used when the gateway shuts down. */
    public void closeAll(String reason) {
        sinks.forEach(sink -> sink.close(reason));
    }

    public int size() {
        return sinks.size();
    }
}
