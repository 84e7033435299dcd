package dev.aicon.gateway.health;

import dev.aicon.gateway.blob.BrainStorage;
import dev.aicon.gateway.cache.AIconCache;
import dev.aicon.gateway.service.DegradedMode;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.postgres.SchemaMigrations;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Ready means the gateway can take traffic: with the store up, or with the store down while the journal still has
 * room (degraded mode). Redis or GCS alone never make it unready. On PostgreSQL it is not ready until the first
 * schema migration attempt after start has ended, so a gateway never takes traffic it could have sent to a
 * database that was about to answer. The details name each backend, whether it
 * answers, its breaker state, the journal depth and the brains waiting for GCS. It reads the journal's sizes from
 * lock-free counters, so it never waits for a journal fsync.
 */
@Readiness
@ApplicationScoped
public class GatewayReadinessCheck implements AsyncHealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final GuardedStore store;
    private final AIconCache cache;
    private final DegradedMode degraded;
    private final BrainStorage brains;
    private final SchemaMigrations schema;

    GatewayReadinessCheck(
            GuardedStore store, AIconCache cache, DegradedMode degraded, BrainStorage brains, SchemaMigrations schema) {
        this.store = store;
        this.cache = cache;
        this.degraded = degraded;
        this.brains = brains;
        this.schema = schema;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Uni<String> storeStatus = store.ping()
                .replaceWith("UP")
                .ifNoItem()
                .after(PROBE_TIMEOUT)
                .recoverWithItem("DOWN")
                .onFailure()
                .recoverWithItem("DOWN");
        Uni<String> cacheStatus = cache.status().ifNoItem().after(PROBE_TIMEOUT).recoverWithItem("DOWN");
        Uni<Integer> pendingUploads = brains.pendingUploads().onFailure().recoverWithItem(-1);
        return Uni.combine()
                .all()
                .unis(storeStatus, cacheStatus, pendingUploads)
                .asTuple()
                .map(statuses -> {
                    DegradedMode.Status journal = degraded.status();
                    boolean storeUp = statuses.getItem1().equals("UP");
                    return HealthCheckResponse.named("gateway")
                            .status(schema.attempted() && !schema.refused() && (storeUp || degraded.hasRoom()))
                            .withData("mode", storeUp && journal.depth() == 0 ? "normal" : "degraded")
                            .withData("store", statuses.getItem1())
                            .withData("store_backend", store.backend())
                            .withData("store_schema", schema.state())
                            .withData("store_breaker", store.guard().state().name())
                            .withData("cache", statuses.getItem2())
                            .withData("cache_breaker", cache.breakerState())
                            .withData("journal_depth", journal.depth())
                            .withData("journal_bytes", journal.bytes())
                            .withData("journal_max_bytes", journal.maxBytes())
                            .withData("journal_aicons", journal.pendingAIcons())
                            .withData("journal_conflicts", journal.conflicts())
                            .withData("brain_large_tier", brains.largeTier())
                            .withData("gcs_breaker", brains.gcsBreakerState())
                            .withData("brain_uploads_pending", statuses.getItem3())
                            .build();
                });
    }
}
