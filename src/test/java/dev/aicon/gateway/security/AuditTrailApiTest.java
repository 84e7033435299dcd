package dev.aicon.gateway.security;

import dev.aicon.gateway.security.TenantIsolationKeys.Key;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail end to end on the file store: a write, a request without a credential and a reader's refused write
 * are recorded with who, which tenant, what, which AIcon and version, and the outcome; the operator reads every
 * tenant, an admin only its own, and no answer ever holds a secret.
 */
@QuarkusTest
class AuditTrailApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Response put(RequestSpecification request, String id) {
        return request.contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id);
    }

    private static List<Map<String, Object>> audit(RequestSpecification request, String aiconId) {
        Response response = request.queryParam("aicon_id", aiconId).get("/v1/admin/audit");
        assertEquals(200, response.statusCode(), response.asString());
        return response.jsonPath().getList("items");
    }

    private static Map<String, Object> find(List<Map<String, Object>> items, String subject, int status) {
        return items.stream()
                .filter(item -> subject.equals(item.get("subject")) && Objects.equals(status, item.get("status")))
                .findFirst()
                .orElse(null);
    }

    @Test
    void writesAndRefusalsAreRecordedAndEachTenantsAdminSeesOnlyItsOwn() {
        String tenantA = TenantIsolationKeys.tenant("audit-a");
        String tenantB = TenantIsolationKeys.tenant("audit-b");
        Key writer = TenantIsolationKeys.key(tenantA, "writer");
        Key reader = TenantIsolationKeys.key(tenantA, "reader");
        Key admin = TenantIsolationKeys.key(tenantA, "admin");
        Key writerB = TenantIsolationKeys.key(tenantB, "writer");
        String id = Fixtures.uniqueId("audit");

        assertEquals(201, put(writer.request(), id).statusCode());
        assertEquals(201, put(writerB.request(), id).statusCode());
        Response anonymous = put(given().filter(TestCredential.WITHOUT), id);
        assertEquals(401, anonymous.statusCode());
        Response readerWrite = put(reader.request(), id);
        assertEquals(403, readerWrite.statusCode());

        Awaitility.await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> items = audit(given(), id);
            return find(items, writer.id(), 201) != null
                    && find(items, writerB.id(), 201) != null
                    && find(items, reader.id(), 403) != null
                    && find(items, "anonymous", 401) != null;
        });
        Response operatorView = given().queryParam("aicon_id", id).get("/v1/admin/audit");
        List<Map<String, Object>> items = operatorView.jsonPath().getList("items");

        Map<String, Object> write = find(items, writer.id(), 201);
        assertEquals(tenantA, write.get("tenant"));
        assertEquals("PUT /v1/aicons/{id}", write.get("action"));
        assertEquals(id, write.get("aicon_id"));
        assertEquals(1, ((Number) write.get("version")).intValue());
        assertEquals("ok", write.get("outcome"));
        assertNotNull(write.get("at"));
        assertNotNull(write.get("id"));

        Map<String, Object> refused = find(items, reader.id(), 403);
        assertEquals(tenantA, refused.get("tenant"));
        assertEquals("PUT /v1/aicons/{id}", refused.get("action"));
        assertEquals(id, refused.get("aicon_id"));
        assertNull(refused.get("version"));
        assertEquals("refused", refused.get("outcome"));

        Map<String, Object> unauthenticated = find(items, "anonymous", 401);
        assertNull(unauthenticated.get("tenant"), "a request without a credential has no tenant");
        assertEquals("PUT /v1/aicons/{id}", unauthenticated.get("action"));
        assertEquals("refused", unauthenticated.get("outcome"));

        assertEquals(tenantB, find(items, writerB.id(), 201).get("tenant"));

        List<Map<String, Object>> adminView = audit(admin.request(), id);
        assertTrue(adminView.stream().allMatch(item -> tenantA.equals(item.get("tenant"))), adminView.toString());
        assertNotNull(find(adminView, writer.id(), 201));
        assertNotNull(find(adminView, reader.id(), 403));
        assertNull(find(adminView, writerB.id(), 201), "an admin of A never sees B's records");
        List<Map<String, Object>> adminAll =
                admin.request().get("/v1/admin/audit").jsonPath().getList("items");
        assertTrue(adminAll.stream().allMatch(item -> tenantA.equals(item.get("tenant"))), adminAll.toString());
        admin.request()
                .queryParam("tenant", tenantB)
                .get("/v1/admin/audit")
                .then()
                .statusCode(404);
        given().queryParam("tenant", tenantB)
                .queryParam("aicon_id", id)
                .get("/v1/admin/audit")
                .then()
                .statusCode(200);
        JsonPath onlyB = given().queryParam("tenant", tenantB)
                .queryParam("aicon_id", id)
                .get("/v1/admin/audit")
                .jsonPath();
        assertTrue(onlyB.getList("items.tenant").stream().allMatch(tenantB::equals));

        for (String body : List.of(
                operatorView.asString(),
                admin.request().get("/v1/admin/audit").asString(),
                given().get("/v1/admin/audit").asString())) {
            for (Key key : List.of(writer, reader, admin, writerB)) {
                assertFalse(body.contains(key.secret()), "the audit never shows a key");
                assertFalse(body.contains(key.secret().substring(key.secret().lastIndexOf('_') + 1)));
            }
            assertFalse(body.contains(TestCredential.TOKEN), "the audit never shows the bootstrap token");
        }
    }

    @Test
    void aReaderKeyCannotReadTheAudit() {
        String tenant = TenantIsolationKeys.tenant("audit-r");
        Key reader = TenantIsolationKeys.key(tenant, "reader");
        Key writer = TenantIsolationKeys.key(tenant, "writer");
        reader.request().get("/v1/admin/audit").then().statusCode(403);
        writer.request().get("/v1/admin/audit").then().statusCode(403);
        given().filter(TestCredential.WITHOUT).get("/v1/admin/audit").then().statusCode(401);
    }
}
