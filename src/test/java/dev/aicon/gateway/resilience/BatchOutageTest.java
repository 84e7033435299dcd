package dev.aicon.gateway.resilience;

import dev.aicon.gateway.service.JournalReplayer;
import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.OutageProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.aicon.gateway.resilience.OutageSupport.awaitTrue;
import static dev.aicon.gateway.resilience.OutageSupport.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Bulk operations go to the store only: while it is down they are refused, except the items of a non-atomic
 * batchPut, each of which is a normal write (journaled when this gateway has a copy of its AIcon, else 503).
 */
@QuarkusTest
@TestProfile(OutageProfile.class)
class BatchOutageTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    JournalReplayer replayer;

    @AfterEach
    void restore() {
        FaultServices.postgres().stop();
        FaultServices.postgres().start();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void whileTheStoreIsDownBulkReadsAtomicWritesExportAndImportAre503AndPerItemWritesAreNormalWrites()
            throws InterruptedException {
        String existing = create("bulk-outage");
        String atomic = Fixtures.uniqueId("bulk-outage-atomic");
        String perItem = Fixtures.uniqueId("bulk-outage-item");
        String imported = Fixtures.uniqueId("bulk-outage-import");
        FaultServices.postgres().stop();

        bulk().contentType(ContentType.JSON)
                .body("{\"ids\": [\"" + existing + "\"]}")
                .post("/v1/aicons:batchGet")
                .then()
                .statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue());
        bulk().contentType(ContentType.JSON)
                .body(atomicBatch(atomic))
                .post("/v1/aicons:batchPut")
                .then()
                .statusCode(503)
                .contentType(PROBLEM);
        String perItemBatch = "{\"items\": [{\"id\": \"" + existing + "\", \"document\": "
                + Fixtures.sdkDocument(existing).put("name", "journaled") + "}, {\"id\": \"" + perItem
                + "\", \"document\": " + Fixtures.sdkDocument(perItem) + "}]}";
        bulk().contentType(ContentType.JSON)
                .body(perItemBatch)
                .post("/v1/aicons:batchPut")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo(200))
                .body("items[0].degraded", equalTo("journal"))
                .body("items[1].status", equalTo(503));
        bulk().contentType("application/x-ndjson")
                .body(Fixtures.sdkDocument(imported).toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/aicons:import")
                .then()
                .statusCode(503)
                .contentType(PROBLEM);
        bulk().get("/v1/aicons:export").then().statusCode(503).contentType(PROBLEM);

        FaultServices.postgres().start();
        awaitTrue("the journal is replayed once the store is back", Duration.ofSeconds(20), () -> {
            replayer.replayWhenStoreAnswers().await().atMost(Duration.ofSeconds(10));
            return given().get("/v1/admin/journal").then().extract().<Integer>path("depth") == 0;
        });
        awaitTrue(
                "the store breaker lets reads through again",
                Duration.ofSeconds(20),
                () -> given().get("/v1/aicons/{id}", existing).statusCode() == 200
                        && given().get("/v1/aicons/{id}", existing).header("AIcon-Degraded") == null);
        given().get("/v1/aicons/{id}", existing)
                .then()
                .statusCode(200)
                .header("AIcon-Degraded", nullValue())
                .body("name", equalTo("journaled"))
                .body("version", equalTo(2));
        given().get("/v1/aicons/{id}", perItem).then().statusCode(404);
        given().get("/v1/aicons/{id}", atomic).then().statusCode(404);
        given().get("/v1/aicons/{id}", imported).then().statusCode(404);
    }

    private static RequestSpecification bulk() {
        return given().urlEncodingEnabled(false);
    }

    private static String atomicBatch(String id) {
        return "{\"atomic\": true, \"items\": [{\"id\": \"" + id + "\", \"document\": " + Fixtures.sdkDocument(id)
                + "}]}";
    }
}
