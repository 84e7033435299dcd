package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.events.Outbox;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.GuardedStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;

/** The change events the store's outbox keeps, read under the store's breaker, for the event streams. */
@Singleton
public class EventHistory implements Outbox {

    private final GuardedStore store;

    EventHistory(GuardedStore store) {
        this.store = store;
    }

    @Override
    public Uni<List<ChangeEvent>> events(EventQuery query) {
        return store.events(query);
    }

    @Override
    public Uni<AIconStore.EventRange> range() {
        return store.eventRange();
    }

    @Override
    public Multi<Long> signals() {
        return store.eventSignals();
    }

    @Override
    public boolean commitsInIdOrder() {
        return store.eventsCommitInIdOrder();
    }
}
