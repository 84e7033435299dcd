package dev.aicon.gateway.api;

import dev.aicon.gateway.support.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.List;
import java.util.function.Supplier;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every store promises about an AIcon whose stored document is damaged. */
final class CorruptAnswers {

    static final String TYPE = "urn:aicon:problem:stored-document-corrupt";
    private static final String AICON = "/v1/aicons/{id}";

    private CorruptAnswers() {}

    /** An SDK document stored under {@code id} with {@code id} as its aicon_type, so a list can look for it alone. */
    static void createListable(String id) {
        ApiClient.put(id, Fixtures.sdkDocument(id).put("aicon_type", id)).then().statusCode(201);
        given().queryParam("aicon_type", id)
                .get("/v1/aicons")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
    }

    /**
     * Reads and writes of every kind answer 500 stored-document-corrupt naming the AIcon, never 404, without
     * {@code secret} (where the store keeps its data) in the answer. Lists show what the store's summaries hold:
     * the file store has none of a damaged file and skips it, PostgreSQL's summary columns still list it.
     */
    static void assertCorruptEverywhere(String id, String secret, boolean listed) {
        List<Supplier<Response>> calls = List.of(
                () -> given().get(AICON, id),
                () -> given().get(AICON + "/factors/{name}", id, "channel"),
                () -> ApiClient.put(id, Fixtures.sdkDocument(id)),
                () -> json().header("If-None-Match", "*")
                        .body(Fixtures.sdkDocument(id).toString())
                        .put(AICON, id),
                () -> json().contentType("application/merge-patch+json")
                        .body("{\"name\":\"x\"}")
                        .patch(AICON, id),
                () -> json().body("{\"type\":\"continuous\",\"value\":1}").put(AICON + "/factors/{name}", id, "x"),
                () -> given().delete(AICON + "/factors/{name}", id, "daily_clicks"),
                () -> json().body("{\"source\":\"s\",\"success\":true}").post(AICON + "/updates", id),
                () -> given().post(AICON + "/versions/1/restore", id),
                () -> given().header("If-Match", "\"1\"").delete(AICON, id),
                () -> BatchApiContract.batchGet(id));
        for (Supplier<Response> call : calls) {
            call.get()
                    .then()
                    .statusCode(500)
                    .contentType(PROBLEM)
                    .body("type", equalTo(TYPE))
                    .body("aicon_id", equalTo(id))
                    .body(not(org.hamcrest.Matchers.containsString(secret)));
        }
        given().head(AICON, id).then().statusCode(500);
        given().queryParam("aicon_type", id)
                .get("/v1/aicons")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(listed ? 1 : 0));
    }

    /** The admin listing names it (no path); a DELETE without preconditions clears it, then a PUT creates it. */
    static void assertListedThenDeletedAndCreatedAgain(String id, String secret) {
        String listing = given().get("/v1/admin/corrupt")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("items.aicon_id", hasItem(id))
                .extract()
                .asString();
        assertFalse(listing.contains(secret), "no filesystem path in the listing");
        assertTrue(Fixtures.json(listing).findValues("found_at").stream()
                .allMatch(t -> t.asText().endsWith("Z")));
        given().delete(AICON, id).then().statusCode(204);
        given().get("/v1/admin/corrupt").then().statusCode(200).body("items.aicon_id", not(hasItem(id)));
        given().get(AICON, id).then().statusCode(404);
        given().delete(AICON, id).then().statusCode(404);
        ApiClient.put(id, Fixtures.sdkDocument(id)).then().statusCode(201).header("ETag", not(equalTo("\"1\"")));
        assertEquals(id, ApiClient.document(id).get("id").asText());
    }
}
