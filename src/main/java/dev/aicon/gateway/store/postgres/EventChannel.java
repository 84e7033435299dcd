package dev.aicon.gateway.store.postgres;

import io.smallrye.mutiny.Multi;

/** How gateways sharing one PostgreSQL tell each other that outbox events were committed. */
public interface EventChannel {

    /** Nothing announced, nothing heard: for a store used alone (tests). */
    EventChannel NONE = new EventChannel() {
        @Override
        public Multi<Long> signals() {
            return Multi.createFrom().empty();
        }

        @Override
        public void announce() {}
    };

    /** A signal each time new events may exist. */
    Multi<Long> signals();

    /** Called after a write committed events. */
    void announce();
}
