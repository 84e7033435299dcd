package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.assertUnchanged;
import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.document;
import static dev.aicon.gateway.api.ApiClient.json;
import static dev.aicon.gateway.api.ApiClient.put;
import static dev.aicon.gateway.api.ApiClient.snapshot;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole-document endpoints: create, read, replace, merge-patch, delete, list, with exact ETag semantics. */
abstract class DocumentApiContract {

    /** The store backend the gateway under test runs on. */
    protected abstract String backend();

    @Test
    void anSdkDocumentIsStoredAndReturnedVerbatimWithItsVersion() {
        String id = Fixtures.uniqueId("sdk");
        ObjectNode sent = Fixtures.sdkDocument(id);
        put(id, sent)
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith("/v1/aicons/" + id))
                .contentType("application/json")
                .body("version", equalTo(1));
        ObjectNode stored = document(id);
        assertEquals(1, stored.remove("version").asInt());
        assertTrue(stored.remove("updated_at").asText().endsWith("Z"));
        assertEquals(sent, stored);
    }

    @Test
    void replacingAnExistingAIconAnswers200AndBumpsTheVersionByOne() {
        String id = Fixtures.uniqueId("replace");
        ObjectNode document = create(id);
        document.put("name", "Second");
        put(id, document).then().statusCode(200).header("ETag", "\"2\"").body("name", equalTo("Second"));
        ApiClient.get(id).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void theServerSetsCreatedAtOnceWhenTheClientSendsNone() {
        String id = Fixtures.uniqueId("created");
        ObjectNode document = Fixtures.sdkDocument(id);
        document.remove("created_at");
        put(id, document).then().statusCode(201);
        String createdAt = document(id).get("created_at").asText();
        put(id, document).then().statusCode(200).body("created_at", equalTo(createdAt));
    }

    @Test
    void postCreatesUnderAServerUuid() {
        ObjectNode document = Fixtures.sdkDocument("ignored");
        document.remove("id");
        String location = json().body(document.toString())
                .post("/v1/aicons")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .extract()
                .header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(id, UUID.fromString(id).toString());
        assertEquals(id, document(id).get("id").asText());
    }

    @Test
    void postWithAnIdIsRefusedAndPointsToPut() {
        json().body(Fixtures.sdkDocument("mine").toString())
                .post("/v1/aicons")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("id"));
    }

    @Test
    void anUnknownAIconIs404Problem() {
        ApiClient.get("no-such-aicon")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("aicon_id", equalTo("no-such-aicon"));
        given().delete("/v1/aicons/no-such-aicon").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aMatchingIfNoneMatchOnGetGives304AndAStaleOneTheDocument() {
        String id = Fixtures.uniqueId("etag");
        create(id);
        given().header("If-None-Match", "\"1\"")
                .get("/v1/aicons/{id}", id)
                .then()
                .statusCode(304)
                .header("ETag", "\"1\"");
        given().header("If-None-Match", "W/\"1\"")
                .get("/v1/aicons/{id}", id)
                .then()
                .statusCode(304);
        given().header("If-None-Match", "\"0\", \"7\"")
                .get("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");
    }

    @Test
    void staleIfMatchIsRejectedWith412AndNothingChanges() {
        String id = Fixtures.uniqueId("stale");
        ObjectNode document = create(id);
        document.put("name", "v2");
        put(id, document).then().statusCode(200);
        String before = snapshot(id);
        document.put("name", "lost");
        json().header("If-Match", "\"1\"")
                .body(document.toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(412)
                .contentType(PROBLEM);
        given().contentType("application/merge-patch+json")
                .header("If-Match", "\"1\"")
                .body("{\"name\":\"x\"}")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(412);
        given().header("If-Match", "\"1\"").delete("/v1/aicons/{id}", id).then().statusCode(412);
        given().header("If-Match", "W/\"2\"")
                .delete("/v1/aicons/{id}", id)
                .then()
                .statusCode(412);
        assertUnchanged(id, before);
        json().header("If-Match", "\"2\"")
                .body(document.toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
    }

    @Test
    void ifNoneMatchStarCreatesOnlyOnce() {
        String id = Fixtures.uniqueId("create-only");
        ObjectNode document = Fixtures.sdkDocument(id);
        json().header("If-None-Match", "*")
                .body(document.toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201);
        String before = snapshot(id);
        document.put("name", "overwrite");
        json().header("If-None-Match", "*")
                .body(document.toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(412)
                .contentType(PROBLEM);
        assertUnchanged(id, before);
    }

    @Test
    void ifMatchOnAMissingAIconIs412AndCreatesNothing() {
        String id = Fixtures.uniqueId("absent");
        json().header("If-Match", "*")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(412);
        ApiClient.get(id).then().statusCode(404);
    }

    @Test
    void aMergePatchChangesOnlyWhatItNames() {
        String id = Fixtures.uniqueId("patch");
        create(id);
        given().contentType("application/merge-patch+json")
                .header("If-Match", "\"1\"")
                .body("{\"name\":\"Patched\",\"sensors\":null,\"extra\":{\"kept\":true},"
                        + "\"state_factors\":{\"conversion_rate\":null,\"market_size\":{\"value\":20000.0}}}")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        ObjectNode stored = document(id);
        assertEquals("Patched", stored.get("name").asText());
        assertFalse(stored.has("sensors"));
        assertTrue(stored.at("/extra/kept").asBoolean());
        assertFalse(stored.get("state_factors").has("conversion_rate"));
        assertEquals(20000.0, stored.at("/state_factors/market_size/value").asDouble());
        assertEquals(
                1000.0, stored.at("/state_factors/market_size/params/scale").asDouble());
        assertEquals("2026-11-26T20:58:31.882667", stored.get("created_at").asText());
    }

    @Test
    void aMergePatchThatWouldBreakTheDocumentIsRefusedAndNothingChanges() {
        String id = Fixtures.uniqueId("bad-patch");
        create(id);
        String before = snapshot(id);
        given().contentType("application/merge-patch+json")
                .body("{\"state_factors\":{\"market_size\":null}}")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("state_factors.channel.relationships.depends_on[0]"));
        given().contentType("application/merge-patch+json")
                .body("{\"name\":null}")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("name"));
        given().contentType("application/merge-patch+json")
                .body("[1,2]")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        assertUnchanged(id, before);
    }

    @Test
    void aPatchSentAsPlainJsonIs415() {
        String id = Fixtures.uniqueId("patch-type");
        create(id);
        json().body("{\"name\":\"x\"}")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
    }

    @Test
    void deleteRemovesTheAIconAndHonoursIfMatch() {
        String id = Fixtures.uniqueId("delete");
        create(id);
        given().header("If-Match", "\"1\"").delete("/v1/aicons/{id}", id).then().statusCode(204);
        ApiClient.get(id).then().statusCode(404);
    }

    /**
     * Versions continue across a delete: the delete of version 2 consumes 3, the re-create is 4. A client still
     * holding an ETag of the first incarnation can never match the second one.
     */
    @Test
    void aReCreatedAIconNeverAnswersWithAnEarlierETag() {
        String id = Fixtures.uniqueId("incarnation");
        Set<String> earlier = new HashSet<>();
        ObjectNode document = Fixtures.sdkDocument(id);
        earlier.add(put(id, document).then().statusCode(201).extract().header("ETag"));
        document.put("name", "second");
        earlier.add(put(id, document).then().statusCode(200).extract().header("ETag"));
        assertEquals(Set.of("\"1\"", "\"2\""), earlier);
        given().header("If-Match", "\"2\"").delete("/v1/aicons/{id}", id).then().statusCode(204);
        ApiClient.get(id).then().statusCode(404);

        ObjectNode reborn = Fixtures.sdkDocument(id).put("name", "reborn");
        String etag = json().header("If-None-Match", "*")
                .body(reborn.toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201)
                .body("version", equalTo(4))
                .extract()
                .header("ETag");
        assertEquals("\"4\"", etag);
        assertFalse(earlier.contains(etag), "the re-created AIcon reuses no ETag of the deleted one");

        for (String old : List.of("\"1\"", "\"2\"", "\"3\"", "W/\"1\"", "\"1\", \"2\"")) {
            given().header("If-None-Match", old)
                    .get("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(200)
                    .header("ETag", etag)
                    .body("name", equalTo("reborn"))
                    .body("version", equalTo(4));
        }
        given().header("If-None-Match", etag).get("/v1/aicons/{id}", id).then().statusCode(304);

        String before = snapshot(id);
        for (String old : earlier) {
            json().header("If-Match", old)
                    .body(document.toString())
                    .put("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(412)
                    .contentType(PROBLEM);
            given().contentType("application/merge-patch+json")
                    .header("If-Match", old)
                    .body("{\"name\":\"x\"}")
                    .patch("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(412);
            given().header("If-Match", old).delete("/v1/aicons/{id}", id).then().statusCode(412);
        }
        json().header("If-None-Match", "*")
                .body(document.toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(412);
        assertUnchanged(id, before);
        given().get("/v1/aicons/{id}/versions", id)
                .then()
                .statusCode(200)
                .body("items.version", equalTo(List.of(4)))
                .body("items[0].kind", equalTo("created"));
    }

    @Test
    void everyDeleteAndReCreateMovesTheVersionsOn() {
        String id = Fixtures.uniqueId("incarnations");
        create(id);
        for (int round = 0; round < 2; round++) {
            given().delete("/v1/aicons/{id}", id).then().statusCode(204);
            put(id, Fixtures.sdkDocument(id)).then().statusCode(201).header("ETag", "\"" + (3 + 2 * round) + "\"");
        }
        ApiClient.get(id).then().statusCode(200).header("ETag", "\"5\"").body("version", equalTo(5));
    }

    @Test
    void listFiltersByTypeAndNameAndWalksKeysetPages() {
        String type = Fixtures.uniqueId("kind");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = type + "-" + i;
            ObjectNode document =
                    Fixtures.sdkDocument(id).put("aicon_type", type).put("name", "n" + (i % 2));
            put(id, document).then().statusCode(201);
            ids.add(id);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("aicon_type", type).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page =
                    request.get("/v1/aicons").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertEquals(ids, seen);
        given().queryParam("aicon_type", type)
                .queryParam("name", "n1")
                .get("/v1/aicons")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(1), ids.get(3))))
                .body("items[0].version", equalTo(1))
                .body("items[0].aicon_type", equalTo(type))
                .body("next_cursor", nullValue());
    }

    @Test
    void aBadCursorOrLimitIs400() {
        given().queryParam("cursor", "%%%")
                .get("/v1/aicons")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().queryParam("limit", 0).get("/v1/aicons").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("limit", "ten")
                .get("/v1/aicons")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().queryParam("limit", 100000)
                .get("/v1/aicons")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void openApiHealthAndMetricsAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(not(equalTo("")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gateway' }.data.store_backend", equalTo(backend()))
                .body("checks.find { it.name == 'gateway' }.data.store", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aWholeDocumentWriteWhoseResultIsOverTheDocumentCapIs413AndStoresNothing() {
        String id = Fixtures.uniqueId("cap-doc");
        int cap = DocumentCapAssertions.CAP;
        DocumentCapAssertions.assertTooLarge(
                put(id, DocumentCapAssertions.document(id, cap - 10))
                        .then()
                        .statusCode(413)
                        .contentType(PROBLEM)
                        .extract()
                        .jsonPath(),
                "",
                id);
        ApiClient.get(id).then().statusCode(404);
        put(id, DocumentCapAssertions.document(id, cap - DocumentCapAssertions.SERVER_FIELDS))
                .then()
                .statusCode(201);
        String before = snapshot(id);
        DocumentCapAssertions.assertTooLarge(
                json().contentType("application/merge-patch+json")
                        .body("{\"more\": \"" + "y".repeat(1000) + "\"}")
                        .patch("/v1/aicons/{id}", id)
                        .then()
                        .statusCode(413)
                        .contentType(PROBLEM)
                        .extract()
                        .jsonPath(),
                "",
                id);
        assertUnchanged(id, before);
        DocumentCapAssertions.assertTooLarge(
                put(id, DocumentCapAssertions.document(id, cap - 50))
                        .then()
                        .statusCode(413)
                        .extract()
                        .jsonPath(),
                "",
                id);
        DocumentCapAssertions.assertTooLarge(
                json().body(DocumentCapAssertions.inflating(id))
                        .put("/v1/aicons/{id}", id)
                        .then()
                        .statusCode(413)
                        .extract()
                        .jsonPath(),
                "",
                id);
        assertUnchanged(id, before);
        json().contentType("application/merge-patch+json")
                .body("{\"padding\": \"short\"}")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
    }
}
