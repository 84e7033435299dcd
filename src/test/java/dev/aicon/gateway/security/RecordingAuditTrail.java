package dev.aicon.gateway.security;

import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditTrail;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the audit events in memory for the security tests (selected by {@link SecurityProfile} only). */
@Alternative
@ApplicationScoped
public class RecordingAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> append(AuditEvent event) {
        events.add(event);
        return Uni.createFrom().voidItem();
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
