package dev.aicon.gateway.controlplane;

import io.smallrye.mutiny.Uni;

/** The append-only record of writes, admin actions and refused attempts. */
public interface AuditTrail {

    /** Appends {@code event}; never updates or removes an earlier one. */
    Uni<Void> append(AuditEvent event);
}
