package dev.aicon.gateway.security;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Tenants and keys made through the real control-plane API as the bootstrap operator, for the isolation and audit
 * tests: a tenant of a unique name, and keys of it ({@code key} is the whole secret, shown once; {@code id} is public).
 */
final class TenantIsolationKeys {

    /** One issued key: its public id and the bearer secret. */
    record Key(String id, String secret) {

        String bearer() {
            return "Bearer " + secret;
        }

        /** A request that carries this key instead of the default operator credential. */
        RequestSpecification request() {
            return given().header("Authorization", bearer());
        }
    }

    private TenantIsolationKeys() {}

    /** Creates a tenant with a unique name starting with {@code prefix} (as the operator) and returns its id. */
    static String tenant(String prefix) {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"" + tenant + "\"}")
                .post("/v1/admin/tenants")
                .then()
                .statusCode(201);
        return tenant;
    }

    /** Issues a key of {@code role} for {@code tenant}, as the operator. */
    static Key key(String tenant, String role) {
        JsonPath answer = given().contentType(ContentType.JSON)
                .body("{\"roles\":[\"" + role + "\"],\"name\":\"isolation-" + role + "\"}")
                .post("/v1/admin/tenants/{tenant}/keys", tenant)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new Key(answer.getString("key_id"), answer.getString("key"));
    }
}
