package dev.aicon.gateway.resilience;

import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.OutageProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.aicon.gateway.resilience.OutageSupport.awaitTrue;
import static dev.aicon.gateway.resilience.OutageSupport.breaker;
import static dev.aicon.gateway.resilience.OutageSupport.create;
import static dev.aicon.gateway.resilience.OutageSupport.putFactor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(OutageProfile.class)
class RedisOutageTest {

    @Inject
    MeterRegistry registry;

    @AfterEach
    void restore() {
        FaultServices.redis().stop();
        FaultServices.redis().start();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void readsAndWritesSurviveARedisOutageWithNormalAnswers() throws InterruptedException {
        String id = create("redis-outage");
        given().get("/v1/aicons/{id}", id).then().statusCode(200);
        assertEquals(CircuitBreakerState.CLOSED, breaker("cache"));

        FaultServices.redis().stop();
        for (int i = 0; i < 6; i++) {
            putFactor(id, "during_" + i, i).then().statusCode(201).header("AIcon-Degraded", nullValue());
            given().get("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"" + (i + 2) + "\"")
                    .header("AIcon-Degraded", nullValue());
        }
        assertEquals(CircuitBreakerState.OPEN, breaker("cache"));
        assertTrue(
                registry.counter("aicon.breaker.transitions", "backend", "cache", "state", "OPEN")
                                .count()
                        >= 1,
                "the transition is counted");
        assertEquals(
                1.0,
                registry.get("aicon.breaker.state")
                        .tag("backend", "cache")
                        .gauge()
                        .value(),
                "the state gauge says open (1)");
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gateway' }.data.cache", equalTo("DOWN"))
                .body("checks.find { it.name == 'gateway' }.data.cache_breaker", equalTo("OPEN"))
                .body("checks.find { it.name == 'gateway' }.data.store", equalTo("UP"));

        FaultServices.redis().start();
        awaitTrue("the cache breaker closes once Redis is back", Duration.ofSeconds(15), () -> {
            given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", "\"7\"");
            return breaker("cache") == CircuitBreakerState.CLOSED;
        });
        given().get("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"7\"")
                .body("state_factors.during_5.value", equalTo(5.0f));
    }
}
