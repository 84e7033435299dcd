package dev.aicon.gateway.security;

import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many requests with one API key at once, each wave on a fresh lookup (the cache forgotten): the one lookup of the
 * control plane on PostgreSQL (Hibernate Reactive, on a context of its own) serves every waiting request, and each
 * goes on in its own request scope. Every answer is the document: no 500, no refusal.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class ApiKeyConcurrencyTest {

    private static final int WAVES = 5;
    private static final int REQUESTS_PER_WAVE = 64;

    @Inject
    ApiKeys apiKeys;

    @Test
    void concurrentRequestsSharingOneFreshKeyLookupAllSucceed() {
        String tenant = TenantIsolationKeys.tenant("concurrent");
        TenantIsolationKeys.Key key = TenantIsolationKeys.key(tenant, "writer");
        String id = Fixtures.uniqueId("shared-key");
        given().header("Authorization", "Bearer " + key.secret())
                .contentType("application/json")
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest get = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/aicons/" + id))
                .header("Authorization", "Bearer " + key.secret())
                .timeout(Duration.ofSeconds(30))
                .build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int wave = 0; wave < WAVES; wave++) {
            apiKeys.forgetAll();
            List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_WAVE; i++) {
                answers.add(http.sendAsync(get, HttpResponse.BodyHandlers.discarding()));
            }
            for (CompletableFuture<HttpResponse<Void>> answer : answers) {
                statuses.merge(answer.join().statusCode(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(200, WAVES * REQUESTS_PER_WAVE), statuses);
    }
}
