package dev.aicon.gateway.resilience;

import dev.aicon.gateway.service.JournalReplayer;
import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.OneAIconJournalProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.aicon.gateway.resilience.OutageSupport.create;
import static dev.aicon.gateway.resilience.OutageSupport.putFactor;
import static dev.aicon.gateway.resilience.OutageSupport.storedVersion;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * With the store down, a journal that cannot take another AIcon is full: writes of other AIcons get 503
 * {@code journal-full}, the journaled AIcon still takes writes, and the gateway is not ready until replay makes
 * room again.
 */
@QuarkusTest
@TestProfile(OneAIconJournalProfile.class)
class JournalFullReadinessTest {

    @Inject
    JournalReplayer replayer;

    @Test
    void aFullJournalWithTheStoreDownMakesTheGatewayUnreadyUntilReplay() throws Exception {
        String journaled = create("journaled");
        String other = create("other");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        FaultServices.postgres().stop();
        try {
            putFactor(journaled, "offline", 1.0).then().statusCode(201).header("AIcon-Degraded", "journal");
            given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'gateway' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'gateway' }.data.mode", equalTo("degraded"))
                    .body("checks.find { it.name == 'gateway' }.data.store", equalTo("DOWN"))
                    .body("checks.find { it.name == 'gateway' }.data.store_backend", equalTo("postgres"))
                    .body("checks.find { it.name == 'gateway' }.data.journal_aicons", equalTo(1))
                    .body("checks.find { it.name == 'gateway' }.data.journal_depth", equalTo(1));
            putFactor(other, "offline", 1.0)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:aicon:problem:journal-full"))
                    .body("detail", startsWith("the degraded-mode journal holds writes of 1 AIcons"));
            putFactor(journaled, "offline_again", 2.0)
                    .then()
                    .statusCode(201)
                    .header("ETag", "\"3\"")
                    .header("AIcon-Degraded", "journal");
            given().get("/v1/aicons/{id}", other).then().statusCode(200).header("ETag", "\"1\"");
        } finally {
            FaultServices.postgres().start();
        }
        CircuitBreakerMaintenance.get().resetAll();
        await("the journal is replayed").atMost(Duration.ofSeconds(30)).until(() -> {
            replayer.replayWhenStoreAnswers().await().atMost(Duration.ofSeconds(10));
            return given().get("/v1/admin/journal").then().extract().<Integer>path("depth") == 0;
        });
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gateway' }.data.mode", equalTo("normal"))
                .body("checks.find { it.name == 'gateway' }.data.store", equalTo("UP"))
                .body("checks.find { it.name == 'gateway' }.data.journal_depth", equalTo(0))
                .body("checks.find { it.name == 'gateway' }.data.journal_aicons", equalTo(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> storedVersion(journaled) == 3);
        putFactor(other, "online", 1.0).then().statusCode(201).header("ETag", "\"2\"");
    }
}
