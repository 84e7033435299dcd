package dev.aicon.gateway.api;

import dev.aicon.gateway.support.FeaturesOffProfile;
import dev.aicon.gateway.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.put;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** The flag-off side of SSE and history: streams are 404 feature-off, nothing is recorded, writes still work. */
@QuarkusTest
@TestProfile(FeaturesOffProfile.class)
class FeaturesOffTest {

    @Test
    void sseStreamsAre404WhenTheFlagIsOff() {
        given().get("/v1/events")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", containsString("feature-off"))
                .body("detail", containsString("aicon.features.sse"));
        given().get("/v1/aicons/{id}/events", "any")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", containsString("feature-off"));
        given().get("/v1/admin/features").then().statusCode(200).body("sse.enabled", equalTo(false));
    }

    @Test
    void withHistoryOffNoVersionIsRecordedOrRestorable() {
        String id = Fixtures.uniqueId("no-history");
        create(id);
        put(id, Fixtures.sdkDocument(id).put("name", "second"))
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        given().get("/v1/aicons/{id}/versions", id).then().statusCode(200).body("items", empty());
        given().get("/v1/aicons/{id}/versions/1", id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", containsString("version-not-found"));
        given().post("/v1/aicons/{id}/versions/1/restore", id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }
}
