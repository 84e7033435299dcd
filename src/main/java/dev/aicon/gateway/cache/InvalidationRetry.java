package dev.aicon.gateway.cache;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Retries the generation bump that confirms missed cache invalidations, until Redis answers. It waits for the
 * application to run, so the cache exists (made at start, off the event loops) before this first asks it.
 */
@ApplicationScoped
public class InvalidationRetry {

    private final AIconCache cache;

    InvalidationRetry(AIconCache cache) {
        this.cache = cache;
    }

    @Scheduled(
            every = "${aicon.cache.invalidation-retry-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> confirm() {
        return cache.confirmMissedInvalidations();
    }
}
