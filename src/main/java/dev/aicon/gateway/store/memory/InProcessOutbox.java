package dev.aicon.gateway.store.memory;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.EventQuery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The change outbox of a single-process store (memory, file), kept in memory. Ids are assigned under one lock, so
 * they become visible in order; a new process starts them at its start time in microseconds, so ids stay monotonic
 * across restarts although older events are gone. Besides the retention job, the oldest events go once more than
 * {@code maxEvents} are kept, so a busy gateway's memory stays bounded.
 * <p>
 * An append takes the lock for one insert into a concurrent skip list and at most one removal of its first entry; it
 * never waits for pruning, which walks the oldest events without the lock (the skip list takes concurrent removals)
 * and counts what it removed with the same atomic counter.
 */
public final class InProcessOutbox {

    private final ConcurrentNavigableMap<Long, ChangeEvent> events = new ConcurrentSkipListMap<>();
    private final int maxEvents;
    private final AtomicInteger kept = new AtomicInteger();
    private final SerializedProcessor<Long, Long> signals =
            BroadcastProcessor.<Long>create().serialized();
    private long lastId = System.currentTimeMillis() * 1000;

    public InProcessOutbox(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /** Appends the event for an accepted write; call while the AIcon's write lock is held. */
    public void append(TenantId tenant, AIcon aicon, ChangeKind kind) {
        append(tenant, aicon.id(), aicon.aiconType(), kind, aicon.version());
    }

    public void append(TenantId tenant, String id, @Nullable String aiconType, ChangeKind kind, long version) {
        ChangeEvent event;
        synchronized (this) {
            lastId++;
            event = new ChangeEvent(lastId, tenant, id, aiconType, kind, version, Timestamps.now());
            events.put(event.id(), event);
            if (kept.incrementAndGet() > maxEvents && events.pollFirstEntry() != null) {
                kept.decrementAndGet();
            }
        }
        signals.onNext(event.id());
    }

    public List<ChangeEvent> events(EventQuery query) {
        List<ChangeEvent> found = new ArrayList<>();
        for (ChangeEvent event :
                events.subMap(query.afterId(), false, query.upToId(), true).values()) {
            if (query.matches(event)) {
                found.add(event);
                if (found.size() == query.limit()) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The kept ids. An empty outbox reports the id the next event will get as its oldest, so a client resuming
     * with an id from before this process started is told it missed events.
     */
    public synchronized AIconStore.EventRange range() {
        Map.Entry<Long, ChangeEvent> oldest = events.firstEntry();
        return new AIconStore.EventRange(oldest == null ? lastId + 1 : oldest.getKey(), lastId);
    }

    /**
     * Removes events older than {@code keepAfter}, keeping the newest; without the append lock, so appends go on
     * meanwhile. An event the size cap removed first is not counted twice.
     */
    public long prune(Instant keepAfter) {
        long removed = 0;
        Map.Entry<Long, ChangeEvent> newest = events.lastEntry();
        for (ChangeEvent event : events.values()) {
            if (newest == null
                    || event.id() >= newest.getKey()
                    || !Timestamps.parse(event.at()).toInstant().isBefore(keepAfter)) {
                break;
            }
            if (events.remove(event.id(), event)) {
                kept.decrementAndGet();
                removed++;
            }
        }
        return removed;
    }

    public Multi<Long> signals() {
        return Multi.createFrom().publisher(signals);
    }
}
