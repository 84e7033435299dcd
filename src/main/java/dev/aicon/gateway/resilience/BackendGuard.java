package dev.aicon.gateway.resilience;

import dev.aicon.gateway.config.ResilienceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Timeout plus circuit breaker around every call to one backend, and a retry for idempotent reads, with
 * thresholds from {@link ResilienceConfig}. Only failures {@code isFailure} accepts count against the breaker and are
 * retried; every other outcome (an expected answer, data the backend refuses, a bug) passes through the breaker as a
 * success, so it can never open it. State changes are logged and counted ({@code aicon.breaker.transitions}); {@code
 * aicon.breaker.state}
 * is the current state (0 closed, 1 open, 2 half-open).
 */
public final class BackendGuard {

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {};

    private final String name;
    private final Guard breaker;
    private final Guard readRetry;

    public BackendGuard(
            String name, ResilienceConfig.Backend config, Predicate<Throwable> isFailure, MeterRegistry registry) {
        this.name = name;
        this.breaker = Guard.create()
                .withDescription(name)
                .withCircuitBreaker()
                .name(name)
                .when(isFailure)
                .requestVolumeThreshold(config.requestVolumeThreshold())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(config.successThreshold())
                .onStateChange(state -> {
                    Log.warnf("circuit breaker %s is now %s", name, state);
                    registry.counter("aicon.breaker.transitions", "backend", name, "state", state.name())
                            .increment();
                })
                .done()
                .withTimeout()
                .duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                .done()
                .build();
        registry.gauge("aicon.breaker.state", List.of(Tag.of("backend", name)), this, guard -> switch (guard.state()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        });
        this.readRetry = Guard.create()
                .withDescription(name + "-read")
                .withRetry()
                .maxRetries(config.readRetries())
                .delay(config.readRetryDelay().toMillis(), ChronoUnit.MILLIS)
                .whenException(isFailure.and(failure -> !(failure instanceof CircuitBreakerOpenException)))
                .done()
                .build();
    }

    /** A call that changes the backend: timeout and breaker, never retried. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Uni<T> write(Supplier<Uni<T>> call) {
        return (Uni<T>) breaker.get((Supplier) call, UNI);
    }

    /** An idempotent read: retried after a failure, each attempt under timeout and breaker. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Uni<T> read(Supplier<Uni<T>> call) {
        return (Uni<T>) readRetry.get((Supplier) () -> write(call), UNI);
    }

    public String name() {
        return name;
    }

    public CircuitBreakerState state() {
        return CircuitBreakerMaintenance.get().currentState(name);
    }
}
