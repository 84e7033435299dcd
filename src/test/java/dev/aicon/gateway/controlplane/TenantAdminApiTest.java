package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.TenantId;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin endpoints of tenants, keys and the audit on the file store (the embedded default), as an operator, and
 * as an admin of tenant {@code default} where the rules differ. Authentication itself is another suite's.
 */
@QuarkusTest
class TenantAdminApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    ControlPlaneStore store;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The credential requests send: null for the test bootstrap token (operator of tenant default). */
    private static String credential;

    private static RequestSpecification spec() {
        RequestSpecification request = RestAssured.given();
        return credential == null ? request : request.header("Authorization", "Bearer " + credential);
    }

    private static Response createTenant(String id) {
        return spec().contentType(ContentType.JSON).body(Map.of("id", id)).post("/v1/admin/tenants");
    }

    private static Response issue(String tenant, Map<String, ?> body) {
        return spec().contentType(ContentType.JSON).body(body).post("/v1/admin/tenants/{t}/keys", tenant);
    }

    @Test
    void anOperatorCreatesAndListsTenants() {
        String id = unique("acme");
        createTenant(id)
                .then()
                .statusCode(201)
                .header("Location", endsWith("/v1/admin/tenants/" + id))
                .body("id", org.hamcrest.Matchers.equalTo(id))
                .body("created_at", notNullValue());
        createTenant(id).then().statusCode(409).contentType(PROBLEM).body("type", endsWith("tenant-exists"));
        createTenant("Not_A_Tenant")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("a tenant id"));
        spec().contentType(ContentType.JSON)
                .body("{}")
                .post("/v1/admin/tenants")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        spec().contentType(ContentType.JSON)
                .body("{")
                .post("/v1/admin/tenants")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        spec().get("/v1/admin/tenants").then().statusCode(200).body("items.id", hasItems("default", id));
    }

    @Test
    void aKeyIsShownOnceListedWithoutSecretsAndRevoked() {
        String tenant = unique("keys");
        createTenant(tenant).then().statusCode(201);
        String expires = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        Response issued =
                issue(tenant, Map.of("roles", List.of("writer", "reader"), "name", "ci", "expires_at", expires));
        issued.then()
                .statusCode(201)
                .body("key", startsWith("aik_"))
                .body("tenant", org.hamcrest.Matchers.equalTo(tenant))
                .body("roles", org.hamcrest.Matchers.contains("reader", "writer"))
                .body("expires_at", org.hamcrest.Matchers.equalTo(expires))
                .body("sha256", nullValue());
        String keyId = issued.path("key_id");
        String key = issued.path("key");
        assertTrue(issued.header("Location").endsWith("/v1/admin/tenants/" + tenant + "/keys/" + keyId));

        String listing = spec().get("/v1/admin/tenants/{t}/keys", tenant)
                .then()
                .statusCode(200)
                .body("items.key_id", hasItem(keyId))
                .body("items[0].revoked_at", nullValue())
                .extract()
                .asString();
        assertFalse(listing.contains(key), "the key is shown only when issued");
        assertFalse(listing.contains(ApiKeySecrets.sha256Hex(key)), "the hash is never shown");
        assertFalse(listing.contains("sha256"));

        spec().delete("/v1/admin/tenants/{t}/keys/{k}", tenant, keyId).then().statusCode(204);
        spec().delete("/v1/admin/tenants/{t}/keys/{k}", tenant, keyId).then().statusCode(204);
        spec().get("/v1/admin/tenants/{t}/keys", tenant).then().body("items[0].revoked_at", notNullValue());
        assertFalse(store.findByHash(ApiKeySecrets.sha256Hex(key))
                .await()
                .atMost(Duration.ofSeconds(10))
                .orElseThrow()
                .usableAt(Instant.now()));
    }

    @Test
    void badKeyRequestsAndUnknownNamesAreProblems() {
        String tenant = unique("bad");
        createTenant(tenant).then().statusCode(201);
        issue(tenant, Map.of("roles", List.of())).then().statusCode(400).contentType(PROBLEM);
        issue(tenant, Map.of("roles", List.of("root"))).then().statusCode(400).contentType(PROBLEM);
        issue(tenant, Map.of("roles", List.of("reader"), "expires_at", "tomorrow"))
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        issue(tenant, Map.of("roles", List.of("reader"), "expires_at", "2001-01-01T00:00:00Z"))
                .then()
                .statusCode(400);
        issue(tenant, Map.of("roles", List.of("reader"), "name", 7)).then().statusCode(400);
        issue(unique("missing"), Map.of("roles", List.of("reader")))
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", endsWith("tenant-not-found"));
        spec().get("/v1/admin/tenants/{t}/keys", unique("missing"))
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        spec().delete("/v1/admin/tenants/{t}/keys/{k}", tenant, "0123456789abcdef")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", endsWith("api-key-not-found"));
        spec().delete("/v1/admin/tenants/{t}/keys/{k}", tenant, "../../etc")
                .then()
                .statusCode(404);
        issue("Bad_Tenant", Map.of("roles", List.of("reader")))
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        issue(tenant, Map.of("roles", List.of("operator")))
                .then()
                .statusCode(201)
                .body("roles", org.hamcrest.Matchers.contains("operator"));
    }

    @Test
    void anAdminManagesTheKeysOfItsOwnTenantOnly() {
        credential = issue(TenantId.DEFAULT.value(), Map.of("roles", List.of("admin"), "name", "tenant admin"))
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        try {
            actAsAdminOfDefault();
        } finally {
            credential = null;
        }
    }

    private static void actAsAdminOfDefault() {
        createTenant(unique("nope")).then().statusCode(403);
        spec().get("/v1/admin/tenants").then().statusCode(403);
        Response issued = issue(TenantId.DEFAULT.value(), Map.of("roles", List.of("admin")));
        issued.then().statusCode(201).body("tenant", org.hamcrest.Matchers.equalTo("default"));
        issue(TenantId.DEFAULT.value(), Map.of("roles", List.of("operator")))
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", endsWith("role-not-grantable"));
        spec().get("/v1/admin/tenants/default/keys").then().statusCode(200);
        spec().delete("/v1/admin/tenants/default/keys/{k}", (String) issued.path("key_id"))
                .then()
                .statusCode(204);
        for (String other : List.of("acme", unique("other"), "Bad_Name")) {
            issue(other, Map.of("roles", List.of("reader")))
                    .then()
                    .statusCode(404)
                    .contentType(PROBLEM);
            spec().get("/v1/admin/tenants/{t}/keys", other).then().statusCode(404);
            spec().delete("/v1/admin/tenants/{t}/keys/{k}", other, "0123456789abcdef")
                    .then()
                    .statusCode(404);
        }
        spec().queryParam("tenant", "acme")
                .get("/v1/admin/audit")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        spec().get("/v1/admin/audit").then().statusCode(200).body("items.tenant", not(hasItem("elsewhere")));
    }

    @Test
    void theAuditIsFilteredAndPaged() {
        String tenant = unique("audited");
        createTenant(tenant).then().statusCode(201);
        TenantId id = new TenantId(tenant);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            store.append(new AuditEvent(
                            base.plusSeconds(i),
                            "k" + (i % 2),
                            id,
                            "PUT /v1/aicons/{id}",
                            "a" + i,
                            (long) i,
                            200,
                            "ok"))
                    .await()
                    .atMost(Duration.ofSeconds(10));
        }
        Response first =
                spec().queryParam("tenant", tenant).queryParam("limit", 2).get("/v1/admin/audit");
        first.then()
                .statusCode(200)
                .body("items.aicon_id", org.hamcrest.Matchers.contains("a4", "a3"))
                .body("items[0].tenant", org.hamcrest.Matchers.equalTo(tenant))
                .body("items[0].version", org.hamcrest.Matchers.equalTo(4))
                .body("next_cursor", notNullValue());
        spec().queryParam("tenant", tenant)
                .queryParam("limit", 2)
                .queryParam("cursor", (String) first.path("next_cursor"))
                .get("/v1/admin/audit")
                .then()
                .statusCode(200)
                .body("items.aicon_id", org.hamcrest.Matchers.contains("a2", "a1"));
        spec().queryParam("tenant", tenant)
                .queryParam("subject", "k0")
                .queryParam("since", base.plusSeconds(1).toString())
                .get("/v1/admin/audit")
                .then()
                .statusCode(200)
                .body("items.aicon_id", org.hamcrest.Matchers.contains("a4", "a2"))
                .body("next_cursor", nullValue());
        spec().queryParam("tenant", tenant)
                .queryParam("until", base.plusSeconds(1).toString())
                .queryParam("aicon_id", "a0")
                .queryParam("outcome", "ok")
                .get("/v1/admin/audit")
                .then()
                .statusCode(200)
                .body("items.aicon_id", org.hamcrest.Matchers.contains("a0"));
        spec().queryParam("cursor", "bm90LWEtY3Vyc29y")
                .get("/v1/admin/audit")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        spec().queryParam("since", "yesterday")
                .get("/v1/admin/audit")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        spec().queryParam("limit", 0)
                .get("/v1/admin/audit")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        spec().queryParam("tenant", "Bad_Name")
                .get("/v1/admin/audit")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        assertEquals(200, spec().get("/v1/admin/audit").statusCode());
    }
}
