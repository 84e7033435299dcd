package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.EventQuery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * The outbox as the event streams read it: pages of change events, the range still kept, and signals of new ones.
 * The service layer provides it, so every read goes through the store's breaker like any other use of the store.
 */
public interface Outbox {

    /** The events {@code query} selects, in id order. */
    Uni<List<ChangeEvent>> events(EventQuery query);

    /** The oldest and newest event ids kept now. */
    Uni<AIconStore.EventRange> range();

    /** A signal whenever new events may have been written (by this gateway or, on PostgreSQL, any other). */
    Multi<Long> signals();

    /** Whether ids commit in id order (in-process stores) or may commit out of order (PostgreSQL sequences). */
    boolean commitsInIdOrder();
}
