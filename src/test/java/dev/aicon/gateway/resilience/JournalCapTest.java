package dev.aicon.gateway.resilience;

import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.TinyJournalProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.Test;

import static dev.aicon.gateway.resilience.OutageSupport.create;
import static dev.aicon.gateway.resilience.OutageSupport.putFactor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(TinyJournalProfile.class)
class JournalCapTest {

    @Test
    void pastTheJournalCapAWriteGets503WithRetryAfterAndNothingIsApplied() {
        String id = create("capped");
        FaultServices.postgres().stop();
        try {
            putFactor(id, "too_much", 1.0)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:aicon:problem:journal-full"));
            given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
            given().get("/v1/admin/journal").then().body("depth", equalTo(0));
        } finally {
            FaultServices.postgres().start();
            CircuitBreakerMaintenance.get().resetAll();
        }
    }
}
