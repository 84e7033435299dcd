package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream delivers only its own tenant's events: the global stream ({@code /v1/events}) and the per-AIcon one
 * ({@code /v1/aicons/{id}/events}), also when another tenant has an AIcon of the same id. The hub hands each event
 * to the streams of its tenant only.
 */
class TenantStreamsTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private static ChangeEvent event(long id, TenantId tenant, String aiconId) {
        return new ChangeEvent(id, tenant, aiconId, "marketing", ChangeKind.updated, 2, Timestamps.now());
    }

    @Test
    void theGlobalAndThePerAIconStreamOfATenantWantOnlyItsEvents() {
        Predicate<ChangeEvent> acmeAll = new StreamRequest(ACME, "c", null, null, -1).filter();
        Predicate<ChangeEvent> acmeOne = new StreamRequest(ACME, "c", "x", null, -1).filter();
        Predicate<ChangeEvent> acmeType = new StreamRequest(ACME, "c", null, "marketing", -1).filter();

        assertTrue(acmeAll.test(event(1, ACME, "x")));
        assertTrue(acmeOne.test(event(1, ACME, "x")));
        assertTrue(acmeType.test(event(1, ACME, "y")));
        assertFalse(acmeAll.test(event(2, GLOBEX, "x")));
        assertFalse(acmeOne.test(event(2, GLOBEX, "x")), "the same id in another tenant is another AIcon");
        assertFalse(acmeType.test(event(2, GLOBEX, "y")));
        assertFalse(acmeAll.test(event(3, TenantId.DEFAULT, "x")));
    }

    @Test
    void theHubHandsEachEventToTheStreamsOfItsTenant() {
        EventHub hub = new EventHub(new SimpleMeterRegistry());
        RecordingSink acme = new RecordingSink(new StreamRequest(ACME, "a", null, null, -1).filter());
        RecordingSink globex = new RecordingSink(new StreamRequest(GLOBEX, "g", "x", null, -1).filter());
        hub.add(acme);
        hub.add(globex);
        hub.publish(event(1, ACME, "x"));
        hub.publish(event(2, GLOBEX, "x"));
        hub.publish(event(3, GLOBEX, "y"));
        hub.publish(event(4, TenantId.DEFAULT, "x"));
        assertEquals(List.of(1L), acme.received);
        assertEquals(List.of(2L), globex.received);
    }

    private static final class RecordingSink implements EventSink {
        private final Predicate<ChangeEvent> filter;
        private final List<Long> received = new ArrayList<>();

        RecordingSink(Predicate<ChangeEvent> filter) {
            this.filter = filter;
        }

        @Override
        public boolean wants(ChangeEvent event) {
            return filter.test(event);
        }

        @Override
        public void offer(ChangeEvent event) {
            received.add(event.id());
        }

        @Override
        public void close(String reason) {}

        @Override
        public void interrupt(String reason) {}
    }
}
