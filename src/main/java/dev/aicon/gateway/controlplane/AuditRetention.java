package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.config.AuditConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Removes audit records older than {@code aicon.audit.retention}, every {@code aicon.audit.prune-interval}. A failed
 * run (database down) is logged and tried again next time.
 */
@ApplicationScoped
public class AuditRetention {

    private final AuditLog audit;
    private final AuditConfig config;

    AuditRetention(ControlPlaneStore audit, AuditConfig config) {
        this.audit = audit;
        this.config = config;
    }

    @Scheduled(
            every = "${aicon.audit.prune-interval:1h}",
            delayed = "${aicon.audit.prune-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return pruneBefore(Instant.now().minus(config.retention()));
    }

    /** Removes the records older than {@code cutoff}; the count removed (0 after a failure, which is logged). */
    public Uni<Void> pruneBefore(Instant cutoff) {
        return audit.prune(cutoff)
                .invoke(removed -> {
                    if (removed > 0) {
                        Log.infof("audit pruning removed %d records older than %s", removed, cutoff);
                    }
                })
                .onFailure()
                .invoke(e -> Log.warnf("audit pruning failed, retried next run: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
