package dev.aicon.gateway.store.memory;

import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.work.BlockingWork;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;

/** The outbox part of a single-process store: everything is served from its {@link InProcessOutbox}. */
public interface InProcessEvents extends AIconStore {

    InProcessOutbox outbox();

    @Override
    default Uni<List<ChangeEvent>> events(EventQuery query) {
        return Uni.createFrom().item(() -> outbox().events(query));
    }

    @Override
    default Uni<EventRange> eventRange() {
        return Uni.createFrom().item(outbox()::range);
    }

    /** On a worker: pruning walks up to {@code aicon.events.memory-max-events} events. */
    @Override
    default Uni<Long> pruneEvents(Instant keepAfter) {
        return BlockingWork.io(() -> outbox().prune(keepAfter));
    }

    @Override
    default Multi<Long> eventSignals() {
        return outbox().signals();
    }

    /** Ids are assigned and appended under one lock. */
    @Override
    default boolean eventsCommitInIdOrder() {
        return true;
    }
}
