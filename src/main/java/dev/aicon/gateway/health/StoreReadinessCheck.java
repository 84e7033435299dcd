package dev.aicon.gateway.health;

import dev.aicon.gateway.store.AIconStore;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready when the configured store answers a ping within two seconds. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements AsyncHealthCheck {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final AIconStore store;

    StoreReadinessCheck(AIconStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.ping()
                .map(ok -> HealthCheckResponse.named("store").up().withData("backend", store.backend()).build())
                .ifNoItem().after(PING_TIMEOUT).failWith(() -> new IllegalStateException("no answer within "
                        + PING_TIMEOUT.toMillis() + " ms"))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("store").down()
                        .withData("backend", store.backend()).withData("error", String.valueOf(e.getMessage()))
                        .build());
    }
}
