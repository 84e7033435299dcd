package dev.aicon.gateway.api;

import dev.aicon.gateway.support.DamagedAtStartProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Stored files found damaged before this gateway started: at open, and by an earlier run. */
@QuarkusTest
@TestProfile(DamagedAtStartProfile.class)
class DamagedAtStartTest {

    private static final String NOW = DamagedAtStartProfile.DAMAGED_NOW;
    private static final String EARLIER = DamagedAtStartProfile.DAMAGED_EARLIER;

    @Test
    void aFileFoundDamagedAtStartAnswers500UntilDeletedThenCanBeCreatedAgain() {
        assertFalse(
                Files.exists(DamagedAtStartProfile.DIR.resolve("aicons").resolve(NOW + ".aicon")),
                "the damaged file was set aside at start");
        given().get("/v1/aicons/{id}", NOW)
                .then()
                .statusCode(500)
                .contentType(PROBLEM)
                .body("type", equalTo(CorruptAnswers.TYPE))
                .body("aicon_id", equalTo(NOW));
        given().get("/v1/admin/corrupt")
                .then()
                .statusCode(200)
                .body(
                        "items.aicon_id",
                        equalTo(java.util.List.of(NOW, EARLIER).stream()
                                .sorted()
                                .toList()));
        CorruptAnswers.assertCorruptEverywhere(NOW, DamagedAtStartProfile.DIR.toString(), false);
        CorruptAnswers.assertListedThenDeletedAndCreatedAgain(NOW, DamagedAtStartProfile.DIR.toString());
    }

    @Test
    void aCopySetAsideByAnEarlierRunKeepsItsAIconMarkedWithWhenItWasFound() {
        given().get("/v1/aicons/{id}", EARLIER)
                .then()
                .statusCode(500)
                .contentType(PROBLEM)
                .body("type", equalTo(CorruptAnswers.TYPE))
                .body("aicon_id", equalTo(EARLIER));
        given().get("/v1/admin/corrupt")
                .then()
                .statusCode(200)
                .body(
                        "items.find { it.aicon_id == '" + EARLIER + "' }.found_at",
                        equalTo(DamagedAtStartProfile.EARLIER_FOUND_AT));
    }
}
