package dev.aicon.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.security.TenantIsolationKeys.Key;
import dev.aicon.gateway.support.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tenants, made through the control-plane API, with a writer key each: neither sees nor changes the other's
 * AIcons on any read or write path, in lists, batch reads and exports, nor on the global or the per-AIcon event
 * stream. Each subclass runs it on one store.
 */
abstract class TenantIsolationContract {

    static final String PROBLEM = "application/problem+json";
    static final String TENANT_HEADER = "AIcon-Tenant";
    static final Duration WAIT = Duration.ofSeconds(15);

    String tenantA;
    String tenantB;
    Key keyA;
    Key keyB;

    @BeforeEach
    void twoTenants() {
        tenantA = TenantIsolationKeys.tenant("iso-a");
        tenantB = TenantIsolationKeys.tenant("iso-b");
        keyA = TenantIsolationKeys.key(tenantA, "writer");
        keyB = TenantIsolationKeys.key(tenantB, "writer");
    }

    static ObjectNode document(String id, String name) {
        ObjectNode document = Fixtures.sdkDocument(id);
        document.put("name", name);
        return document;
    }

    static Response put(Key key, String id, ObjectNode document) {
        return key.request()
                .contentType(ContentType.JSON)
                .body(document.toString())
                .put("/v1/aicons/{id}", id);
    }

    static ObjectNode create(Key key, String id, String name) {
        ObjectNode document = document(id, name);
        put(key, id, document).then().statusCode(201);
        return document;
    }

    static String snapshot(Key key, String id) {
        Response response = key.request().get("/v1/aicons/{id}", id);
        return response.statusCode() + " " + response.header("ETag") + " " + response.asString();
    }

    static void assertNotFound(Response response, String what) {
        assertEquals(404, response.statusCode(), what + ": " + response.asString());
        assertTrue(
                response.contentType().startsWith(PROBLEM), what + " answers a problem, not " + response.contentType());
    }

    /** B's AIcon with a factor write (versions 1 and 2) and a brain; only B has it. */
    String onlyInB() {
        String id = Fixtures.uniqueId("iso-only-b");
        create(keyB, id, "Only in B");
        keyB.request()
                .contentType(ContentType.JSON)
                .body("{\"type\":\"continuous\",\"distribution\":\"normal\",\"params\":{\"loc\":1.0,\"scale\":2.0},"
                        + "\"value\":1.5}")
                .put("/v1/aicons/{id}/factors/{f}", id, "extra")
                .then()
                .statusCode(201);
        keyB.request()
                .contentType("application/octet-stream")
                .body("brain of tenant B".getBytes(StandardCharsets.UTF_8))
                .put("/v1/aicons/{id}/brain", id)
                .then()
                .statusCode(201);
        return id;
    }

    @Test
    void theSameIdInTwoTenantsIsTwoDocuments() {
        String id = Fixtures.uniqueId("iso-shared");
        create(keyA, id, "Document of A");
        create(keyB, id, "Document of B");
        keyA.request().get("/v1/aicons/{id}", id).then().statusCode(200).body("name", equalTo("Document of A"));
        keyB.request().get("/v1/aicons/{id}", id).then().statusCode(200).body("name", equalTo("Document of B"));

        ObjectNode changed = document(id, "A again");
        put(keyA, id, changed).then().statusCode(200);
        keyB.request().get("/v1/aicons/{id}", id).then().statusCode(200).body("name", equalTo("Document of B"));
        keyB.request()
                .get("/v1/aicons/{id}/versions", id)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void anotherTenantsAIconIsNotFoundOnEveryReadPath() {
        String id = onlyInB();
        assertNotFound(keyA.request().get("/v1/aicons/{id}", id), "GET document");
        assertNotFound(keyA.request().get("/v1/aicons/{id}/factors/{f}", id, "extra"), "GET factor");
        assertNotFound(keyA.request().get("/v1/aicons/{id}/versions", id), "GET versions");
        assertNotFound(keyA.request().get("/v1/aicons/{id}/versions/{v}", id, 1), "GET versions/1");
        assertNotFound(keyA.request().get("/v1/aicons/{id}/brain", id), "GET brain");
        assertEquals(404, keyA.request().head("/v1/aicons/{id}/brain", id).statusCode(), "HEAD brain");
        assertNotFound(keyA.request().get("/v1/aicons/{id}/sdk", id), "GET sdk export");
        keyB.request().get("/v1/aicons/{id}/brain", id).then().statusCode(200);
        keyB.request().get("/v1/aicons/{id}/versions/{v}", id, 1).then().statusCode(200);
    }

    @Test
    void anotherTenantsAIconIsNotFoundOnEveryWritePathAndStaysUnchanged() {
        String id = onlyInB();
        String before = snapshot(keyB, id);
        String versionsBefore = versions(keyB, id);
        assertNotFound(keyA.request().post("/v1/aicons/{id}/versions/{v}/restore", id, 1), "restore");
        assertNotFound(
                keyA.request()
                        .contentType(ContentType.JSON)
                        .body("{\"type\":\"continuous\",\"distribution\":\"normal\","
                                + "\"params\":{\"loc\":0.0,\"scale\":1.0},\"value\":0.5}")
                        .put("/v1/aicons/{id}/factors/{f}", id, "extra"),
                "PUT factor");
        assertNotFound(keyA.request().delete("/v1/aicons/{id}/factors/{f}", id, "extra"), "DELETE factor");
        assertNotFound(
                keyA.request()
                        .contentType("application/merge-patch+json")
                        .body("{\"name\":\"Patched by A\"}")
                        .patch("/v1/aicons/{id}", id),
                "PATCH");
        assertNotFound(
                keyA.request()
                        .contentType(ContentType.JSON)
                        .body("{\"source\":\"tenant-a\",\"success\":true}")
                        .post("/v1/aicons/{id}/updates", id),
                "POST updates");
        assertNotFound(keyA.request().delete("/v1/aicons/{id}/brain", id), "DELETE brain");
        assertNotFound(keyA.request().delete("/v1/aicons/{id}", id), "DELETE");
        assertEquals(before, snapshot(keyB, id), "B's AIcon is unchanged by A's attempts");
        keyB.request().get("/v1/aicons/{id}/brain", id).then().statusCode(200).body(equalTo("brain of tenant B"));
        assertEquals(versionsBefore, versions(keyB, id), "B's history is unchanged by A's attempts");
    }

    static String versions(Key key, String id) {
        return key.request()
                .get("/v1/aicons/{id}/versions", id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void listsBatchReadsAndExportsShowOnlyTheCallersTenant() {
        String onlyB = onlyInB();
        String shared = Fixtures.uniqueId("iso-shared");
        String onlyA = Fixtures.uniqueId("iso-only-a");
        create(keyA, shared, "Shared of A");
        create(keyB, shared, "Shared of B");
        create(keyA, onlyA, "Only in A");

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            var request = keyA.request().queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page =
                    request.get("/v1/aicons").then().statusCode(200).extract().jsonPath();
            listed.addAll(page.getList("items.id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertEquals(
                List.of(onlyA, shared).stream().sorted().toList(),
                listed.stream().sorted().toList());

        JsonPath batch = keyA.request()
                .urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("{\"ids\":[\"" + shared + "\",\"" + onlyB + "\"]}")
                .post("/v1/aicons:batchGet")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(shared), batch.getList("items.id"));
        assertEquals(List.of("Shared of A"), batch.getList("items.name"));
        assertEquals(List.of(onlyB), batch.getList("missing"));

        String export = keyA.request()
                .urlEncodingEnabled(false)
                .get("/v1/aicons:export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<JsonNode> lines = export.lines()
                .filter(line -> !line.isBlank())
                .map(line -> (JsonNode) Fixtures.json(line))
                .toList();
        assertEquals(
                List.of(onlyA, shared).stream().sorted().toList(),
                lines.stream().map(line -> line.get("id").asText()).sorted().toList());
        assertFalse(export.contains(onlyB), "A's export never names B's AIcon");
        assertFalse(export.contains("Shared of B"), "A's export never holds B's document");
    }

    @Test
    void theGlobalStreamCarriesOnlyTheCallersTenant() throws Exception {
        String warmUp = Fixtures.uniqueId("iso-sse-warm");
        String ofB = Fixtures.uniqueId("iso-sse-b");
        String ofA = Fixtures.uniqueId("iso-sse-a");
        try (TenantIsolationStream streamA = TenantIsolationStream.open("/v1/events", keyA.bearer())) {
            assertEquals(200, streamA.status());
            create(keyA, warmUp, "Warm-up of A");
            Awaitility.await().atMost(WAIT).until(() -> streamA.aiconIds().contains(warmUp));
            create(keyB, ofB, "Written by B");
            create(keyA, ofA, "Written by A after B");
            // events reach a stream in outbox order: had B's write leaked, it would arrive before A's
            Awaitility.await().atMost(WAIT).until(() -> streamA.aiconIds().contains(ofA));
            assertEquals(List.of(warmUp, ofA), streamA.aiconIds());
        }
        try (TenantIsolationStream replay = TenantIsolationStream.open("/v1/events?last_event_id=0", keyA.bearer())) {
            assertEquals(200, replay.status());
            Awaitility.await().atMost(WAIT).until(() -> replay.aiconIds().contains(ofA));
            assertEquals(List.of(warmUp, ofA), replay.aiconIds(), "a replay of A's stream holds only A's events");
        }
    }

    @Test
    void thePerAIconStreamOfAnotherTenantsIdCarriesNothingOfIt() throws Exception {
        String id = Fixtures.uniqueId("iso-sse-one");
        try (TenantIsolationStream streamA =
                TenantIsolationStream.open("/v1/aicons/" + id + "/events", keyA.bearer())) {
            assertEquals(200, streamA.status());
            create(keyB, id, "B's AIcon");
            keyB.request()
                    .contentType("application/merge-patch+json")
                    .body("{\"name\":\"B patched\"}")
                    .patch("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(200);
            create(keyA, id, "A's AIcon of the same id");
            Awaitility.await().atMost(WAIT).until(() -> !streamA.events().isEmpty());
            List<JsonNode> events = streamA.events();
            assertEquals(1, events.size(), "only A's own write: " + events);
            assertEquals("created", events.get(0).get("kind").asText());
            assertEquals(1, events.get(0).get("version").asInt());
        }
        try (TenantIsolationStream replay =
                TenantIsolationStream.open("/v1/aicons/" + id + "/events?last_event_id=0", keyA.bearer())) {
            assertEquals(200, replay.status());
            Awaitility.await().atMost(WAIT).until(() -> !replay.events().isEmpty());
            JsonNode first = replay.events().get(0);
            assertEquals("created", first.get("kind").asText(), "a replay of A's stream starts at A's write");
            assertEquals(1, first.get("version").asInt());
        }
    }

    @Test
    void theTenantHeaderIsRefusedToAWriterKeyAndNeverObeyed() {
        String id = onlyInB();
        String before = snapshot(keyB, id);
        Response read = keyA.request().header(TENANT_HEADER, tenantB).get("/v1/aicons/{id}", id);
        assertEquals(403, read.statusCode(), read.asString());
        assertFalse(read.asString().contains("Only in B"));
        Response write = keyA.request()
                .header(TENANT_HEADER, tenantB)
                .contentType(ContentType.JSON)
                .body(document(id, "Replaced by A").toString())
                .put("/v1/aicons/{id}", id);
        assertEquals(403, write.statusCode(), write.asString());
        Response patch = keyA.request()
                .header(TENANT_HEADER, tenantB)
                .contentType("application/merge-patch+json")
                .body("{\"name\":\"Patched by A\"}")
                .patch("/v1/aicons/{id}", id);
        assertEquals(403, patch.statusCode(), patch.asString());
        assertEquals(before, snapshot(keyB, id));
        assertNotFound(keyA.request().get("/v1/aicons/{id}", id), "A still does not see B's AIcon");
    }

    @Test
    void theOperatorActsOnTheTenantItNames() {
        String id = onlyInB();
        given().header(TENANT_HEADER, tenantB)
                .get("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Only in B"));
        assertNotFound(given().get("/v1/aicons/{id}", id), "the operator without the header acts on default");
        assertNotFound(
                given().header(TENANT_HEADER, tenantA).get("/v1/aicons/{id}", id),
                "the operator naming A does not see B's AIcon");
    }

    @Test
    void aRevokedKeyIsRefusedWithinSeconds() {
        Key revoked = TenantIsolationKeys.key(tenantA, "writer");
        revoked.request().get("/v1/aicons").then().statusCode(200);
        given().delete("/v1/admin/tenants/{tenant}/keys/{key}", tenantA, revoked.id())
                .then()
                .statusCode(204);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> revoked.request().get("/v1/aicons").statusCode() == 401);
        Response refused = revoked.request()
                .contentType(ContentType.JSON)
                .body(document("iso-revoked", "never").toString())
                .put("/v1/aicons/{id}", "iso-revoked");
        assertEquals(401, refused.statusCode());
        assertTrue(refused.contentType().startsWith(PROBLEM));
        assertTrue(refused.header("WWW-Authenticate").startsWith("Bearer"));
        keyA.request().get("/v1/aicons").then().statusCode(200);
    }
}
