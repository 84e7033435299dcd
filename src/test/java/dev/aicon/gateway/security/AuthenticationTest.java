package dev.aicon.gateway.security;

import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who gets in: no credential, a malformed, unknown, revoked or expired one is 401 (a problem with
 * {@code WWW-Authenticate: Bearer}); both bootstrap tokens, API keys and JWTs authenticate with their tenant and
 * roles; a role too low is 403; only an operator may name a tenant; no credential is ever logged; the audit trail
 * sees writes and refusals.
 */
@QuarkusTest
@TestProfile(SecurityProfile.class)
class AuthenticationTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    FakeKeyDirectory keys;

    @Inject
    RecordingAuditTrail audit;

    private static RequestSpecification anonymous() {
        return given().filter(TestCredential.WITHOUT);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static void assertUnauthenticated(Response answer) {
        answer.then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:aicon:problem:unauthenticated"))
                .body("status", equalTo(401));
    }

    private static void assertForbidden(Response answer) {
        answer.then().statusCode(403).contentType(PROBLEM).body("type", equalTo("urn:aicon:problem:forbidden"));
    }

    @Test
    void noCredentialIs401WithABearerChallengeOnJaxRsAndVertxRoutes() {
        for (String path :
                List.of("/v1/aicons/x", "/v1/aicons/x/brain", "/v1/events", "/v1/admin/features", "/nowhere")) {
            assertUnauthenticated(anonymous().get(path));
        }
        assertUnauthenticated(anonymous()
                .contentType("application/x-ndjson")
                .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/aicons:import"));
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aMalformedOrUnknownCredentialIs401() {
        assertUnauthenticated(
                given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/aicons/x"));
        assertUnauthenticated(given().header("Authorization", "Bearer").get("/v1/aicons/x"));
        assertUnauthenticated(
                given().header("Authorization", "Bearer two words").get("/v1/aicons/x"));
        assertUnauthenticated(bearer("not-a-known-token-0000000000000000").get("/v1/aicons/x"));
        assertUnauthenticated(
                bearer("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln").get("/v1/aicons/x"));
    }

    @Test
    void bothBootstrapTokensAreOperators() {
        given().get("/v1/admin/features").then().statusCode(200);
        bearer(SecurityProfile.NEXT_BOOTSTRAP).get("/v1/admin/features").then().statusCode(200);
        bearer(SecurityProfile.NEXT_BOOTSTRAP).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void apiKeysActWithTheirRolesAndEachRoleIncludesTheOnesBelow() {
        String id = Fixtures.uniqueId("authn");
        assertForbidden(bearer(FakeKeyDirectory.READER)
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/" + id));
        bearer(FakeKeyDirectory.WRITER)
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/" + id)
                .then()
                .statusCode(201);
        bearer(FakeKeyDirectory.READER).get("/v1/aicons/" + id).then().statusCode(200);
        bearer(FakeKeyDirectory.WRITER).get("/v1/aicons/" + id).then().statusCode(200);
        assertForbidden(bearer(FakeKeyDirectory.WRITER).get("/v1/admin/features"));
        assertForbidden(bearer(FakeKeyDirectory.ADMIN).get("/v1/admin/features"));
        assertForbidden(bearer(FakeKeyDirectory.ADMIN).get("/q/metrics"));
        assertForbidden(bearer(FakeKeyDirectory.ADMIN).get("/q/openapi"));
        bearer(FakeKeyDirectory.OPERATOR).get("/v1/admin/features").then().statusCode(200);
        bearer(FakeKeyDirectory.OPERATOR).get("/q/openapi").then().statusCode(200);
        assertForbidden(bearer(FakeKeyDirectory.READER)
                .contentType("application/octet-stream")
                .body(new byte[] {1, 2, 3})
                .put("/v1/aicons/" + id + "/brain"));
    }

    @Test
    void anExpiredKeyIs401AndARevokedOneWithinSeconds() {
        assertUnauthenticated(bearer(FakeKeyDirectory.EXPIRED).get("/v1/aicons/x"));
        bearer(FakeKeyDirectory.TO_REVOKE).get("/v1/aicons/x").then().statusCode(404);
        keys.revoke();
        Instant revoked = Instant.now();
        await("the revoked key is refused")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        bearer(FakeKeyDirectory.TO_REVOKE).get("/v1/aicons/x").statusCode() == 401);
        assertTrue(Duration.between(revoked, Instant.now()).toMillis() < 4000);
    }

    @Test
    void jwtsAreVerifiedAndMappedToATenantAndRoles() {
        String id = Fixtures.uniqueId("jwt");
        String writer = TestJwts.token("svc-writer", "acme", List.of("writer"));
        bearer(writer)
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/" + id)
                .then()
                .statusCode(201);
        AuditEvent put = lastEventFor("PUT /v1/aicons/{id}", id);
        assertEquals("svc-writer", put.subject());
        assertEquals(new TenantId("acme"), put.tenant());
        assertForbidden(bearer(TestJwts.token("svc-reader", "acme", List.of("reader")))
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/" + id));
        Map<String, Object> claims = Map.of("tenant", "acme", "roles", List.of("writer"));
        Instant later = Instant.now().plusSeconds(300);
        assertUnauthenticated(bearer(TestJwts.token("s", claims, "another-audience", later, TestJwts.key()))
                .get("/v1/aicons/x"));
        assertUnauthenticated(bearer(TestJwts.token("s", claims, TestJwts.AUDIENCE, later, TestJwts.otherKey()))
                .get("/v1/aicons/x"));
        assertUnauthenticated(bearer(TestJwts.token(
                        "s", claims, TestJwts.AUDIENCE, Instant.now().minusSeconds(600), TestJwts.key()))
                .get("/v1/aicons/x"));
        assertUnauthenticated(bearer(TestJwts.token(
                        "s", Map.of("roles", List.of("writer")), TestJwts.AUDIENCE, later, TestJwts.key()))
                .get("/v1/aicons/x"));
    }

    @Test
    void onlyAnOperatorMayNameATenant() {
        String id = Fixtures.uniqueId("tenant");
        given().header("AIcon-Tenant", "acme")
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/" + id)
                .then()
                .statusCode(201);
        assertEquals(
                new TenantId("acme"), lastEventFor("PUT /v1/aicons/{id}", id).tenant());
        given().header("AIcon-Tenant", "Not_A_Tenant")
                .get("/v1/aicons/x")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        assertForbidden(
                bearer(FakeKeyDirectory.WRITER).header("AIcon-Tenant", "acme").get("/v1/aicons/x"));
        assertForbidden(bearer(FakeKeyDirectory.ACME_WRITER)
                .header("AIcon-Tenant", "default")
                .get("/v1/aicons/x"));
        String acme = Fixtures.uniqueId("acme");
        bearer(FakeKeyDirectory.ACME_WRITER)
                .contentType("application/json")
                .body(Fixtures.sdkDocument(acme).toString())
                .put("/v1/aicons/" + acme)
                .then()
                .statusCode(201);
        AuditEvent put = lastEventFor("PUT /v1/aicons/{id}", acme);
        assertEquals("k-acme-writer", put.subject());
        assertEquals(new TenantId("acme"), put.tenant());
        assertEquals(1L, put.version());
        assertEquals("ok", put.outcome());
    }

    @Test
    void refusalsAreAudited() {
        anonymous().delete("/v1/aicons/refused-anonymously").then().statusCode(401);
        AuditEvent refused = lastEventFor("DELETE /v1/aicons/{id}", "refused-anonymously");
        assertEquals("anonymous", refused.subject());
        assertEquals(401, refused.status());
        assertEquals("refused", refused.outcome());
        bearer(FakeKeyDirectory.READER)
                .delete("/v1/aicons/refused-reader")
                .then()
                .statusCode(403);
        AuditEvent forbidden = lastEventFor("DELETE /v1/aicons/{id}", "refused-reader");
        assertEquals("k-reader", forbidden.subject());
        assertEquals(TenantId.DEFAULT, forbidden.tenant());
        assertEquals(403, forbidden.status());
        bearer(FakeKeyDirectory.READER).get("/v1/admin/journal").then().statusCode(403);
        await("the audit record of the refused admin read")
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        audit.events().stream().anyMatch(event -> event.action().equals("GET /v1/admin/journal")));
    }

    @Test
    void stateChangingRequestsFromAForeignOriginAndForeignHostsAreRefused() {
        String id = Fixtures.uniqueId("origin");
        assertForbidden(given().header("Origin", "https://evil.example.invalid")
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/" + id));
        given().header("Origin", SecurityProfile.ALLOWED_ORIGIN)
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/" + id)
                .then()
                .statusCode(201);
        given().header("Origin", "https://evil.example.invalid")
                .get("/v1/aicons/" + id)
                .then()
                .statusCode(200);
        given().header("Host", "rebound.example.invalid")
                .get("/v1/aicons/" + id)
                .then()
                .statusCode(421)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:aicon:problem:misdirected-request"));
        given().header("Host", "127.0.0.1").get("/v1/aicons/" + id).then().statusCode(200);
    }

    @Test
    void noCredentialIsEverLogged() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.apache.http")) {
                    return; // the test's own HTTP client logging what it sends
                }
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + " "
                        + (record.getThrown() == null ? "" : record.getThrown().toString()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        // the authentication path's own categories at DEBUG (not everything: the console would then contend)
        List<Logger> verbose = new ArrayList<>();
        List<java.util.logging.Level> levels = new ArrayList<>();
        for (String category : List.of(
                "dev.aicon.gateway.security",
                "io.quarkus.security",
                "io.quarkus.vertx.http.runtime.security",
                "io.smallrye.jwt")) {
            Logger logger = Logger.getLogger(category);
            verbose.add(logger);
            levels.add(logger.getLevel());
            logger.setLevel(java.util.logging.Level.FINE);
        }
        String opaque = "leak-canary-opaque-token-0123456789abcdef";
        String jwt = TestJwts.token(
                "s", Map.of("tenant", "acme"), "wrong-audience", Instant.now().plusSeconds(60), TestJwts.key());
        try {
            assertUnauthenticated(bearer(opaque).get("/v1/aicons/x"));
            assertUnauthenticated(bearer(jwt).get("/v1/aicons/x"));
            assertUnauthenticated(given().header("Authorization", "Bearer " + opaque + " extra")
                    .get("/v1/aicons/x"));
        } finally {
            root.removeHandler(capture);
            for (int i = 0; i < verbose.size(); i++) {
                verbose.get(i).setLevel(levels.get(i));
            }
        }
        for (String line : logged) {
            assertFalse(line.contains(opaque), line);
            assertFalse(line.contains(jwt.substring(jwt.lastIndexOf('.') + 1)), line);
            assertFalse(line.contains(TestCredential.TOKEN), line);
        }
    }

    private AuditEvent lastEventFor(String action, String aiconId) {
        return await("the audit record of " + action + " " + aiconId)
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> audit.events().stream()
                                .filter(event -> event.action().equals(action) && aiconId.equals(event.aiconId()))
                                .reduce((first, second) -> second),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }
}
