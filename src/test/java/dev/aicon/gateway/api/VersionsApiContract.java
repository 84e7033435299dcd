package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.assertUnchanged;
import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.document;
import static dev.aicon.gateway.api.ApiClient.json;
import static dev.aicon.gateway.api.ApiClient.put;
import static dev.aicon.gateway.api.ApiClient.snapshot;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** History and rollback: {@code /v1/aicons/{id}/versions}. */
abstract class VersionsApiContract {

    /** Creates the AIcon, then a factor write, a merge patch and a replace: versions 1-4 of four kinds. */
    private static ObjectNode fourVersions(String id) {
        ObjectNode document = create(id);
        json().body("{\"type\":\"continuous\",\"distribution\":\"normal\",\"params\":{\"loc\":1.0,\"scale\":2.0},"
                        + "\"value\":1.5}")
                .put("/v1/aicons/{id}/factors/{f}", id, "extra")
                .then()
                .statusCode(201);
        given().contentType(AIconResource.MERGE_PATCH)
                .body("{\"name\":\"Patched\"}")
                .patch("/v1/aicons/{id}", id)
                .then()
                .statusCode(200);
        document.put("name", "Replaced");
        put(id, document).then().statusCode(200).header("ETag", "\"4\"");
        return document;
    }

    @Test
    void historyListsEveryVersionNewestFirstWithTimeAndKind() {
        String id = Fixtures.uniqueId("versions");
        fourVersions(id);
        JsonPath page = given().get("/v1/aicons/{id}/versions", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(4, 3, 2, 1), page.getList("items.version"));
        assertEquals(List.of("updated", "updated", "factor_updated", "created"), page.getList("items.kind"));
        assertEquals(4, page.getList("items.updated_at").size());
        assertEquals(null, page.getString("next_cursor"));
    }

    @Test
    void historyPagesWithACursor() {
        String id = Fixtures.uniqueId("versions-page");
        fourVersions(id);
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/aicons/{id}/versions", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.version"));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(List.of(4, 3, 2, 1), seen);
        assertEquals(2, pages);
    }

    @Test
    void anOldVersionReadsAsItWasWithItsVersionAsETag() {
        String id = Fixtures.uniqueId("versions-get");
        ObjectNode original = Fixtures.sdkDocument(id);
        fourVersions(id);
        ObjectNode first = Fixtures.json(given().get("/v1/aicons/{id}/versions/1", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .extract()
                .asString());
        assertEquals(1, first.remove("version").asInt());
        first.remove("updated_at");
        assertEquals(original, first);
        given().get("/v1/aicons/{id}/versions/{v}", id, 3)
                .then()
                .statusCode(200)
                .body("name", equalTo("Patched"));
    }

    @Test
    void restoreWritesTheOldContentAsANewVersion() {
        String id = Fixtures.uniqueId("restore");
        fourVersions(id);
        given().header("If-Match", "\"4\"")
                .post("/v1/aicons/{id}/versions/1/restore", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"5\"")
                .body("version", equalTo(5))
                .body("name", equalTo("MarketingAIcon — café ✓"))
                .body("state_factors.extra", nullValue());
        ObjectNode restored = document(id);
        ObjectNode original = Fixtures.sdkDocument(id);
        restored.remove(List.of("version", "updated_at"));
        assertEquals(original, restored);
        given().get("/v1/aicons/{id}/versions", id)
                .then()
                .body("items[0].version", equalTo(5))
                .body("items[0].kind", equalTo("updated"));
    }

    @Test
    void restoreWithAStaleIfMatchIsRejectedWith412AndChangesNothing() {
        String id = Fixtures.uniqueId("restore-stale");
        fourVersions(id);
        String before = snapshot(id);
        given().header("If-Match", "\"3\"")
                .post("/v1/aicons/{id}/versions/1/restore", id)
                .then()
                .statusCode(412)
                .contentType(PROBLEM)
                .body("type", containsString("precondition-failed"));
        assertUnchanged(id, before);
    }

    @Test
    void unknownVersionsAndAIconsAre404AndBadNumbers400() {
        String id = Fixtures.uniqueId("versions-missing");
        create(id);
        given().get("/v1/aicons/{id}/versions/9", id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", containsString("version-not-found"));
        given().post("/v1/aicons/{id}/versions/9/restore", id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        given().get("/v1/aicons/{id}/versions", Fixtures.uniqueId("nobody"))
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", containsString("aicon-not-found"));
        given().get("/v1/aicons/{id}/versions/zero", id).then().statusCode(400).contentType(PROBLEM);
        given().get("/v1/aicons/{id}/versions/0", id).then().statusCode(400).contentType(PROBLEM);
        given().queryParam("cursor", "x")
                .get("/v1/aicons/{id}/versions", id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }
}
