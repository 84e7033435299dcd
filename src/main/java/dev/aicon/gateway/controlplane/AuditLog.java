package dev.aicon.gateway.controlplane;

import io.smallrye.mutiny.Uni;

import java.time.Instant;

/** The audit trail as kept by a backend: appended, read in filtered pages, pruned past its retention only. */
public interface AuditLog extends AuditTrail {

    /** A page of the records {@code query} selects, newest first. */
    Uni<AuditPage> query(AuditQuery query);

    /** Removes every record older than {@code cutoff} (the retention job's only removal); the count removed. */
    Uni<Long> prune(Instant cutoff);
}
