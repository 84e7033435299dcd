package dev.aicon.gateway.cache;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.support.CacheKeys;
import dev.aicon.gateway.support.CachedPostgresProfile;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(CachedPostgresProfile.class)
class CacheTierTest {

    @Inject
    MeterRegistry registry;

    @Inject
    RedisDataSource redis;

    @Inject
    AIconCache cache;

    private double storeGets() {
        return registry.counter("aicon.store.calls", "operation", "get").count();
    }

    private double cacheHits() {
        return registry.counter("aicon.cache.requests", "result", "hit").count();
    }

    private String cached(String id) {
        return redis.value(String.class).get(CacheKeys.entry(redis, id));
    }

    private String create(String id) {
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201);
        return id;
    }

    @Test
    void aCachedReadCarriesTheSameETagAndBodyAsAStoreRead() {
        String id = create(Fixtures.uniqueId("etag"));
        redis.key(String.class).del(CacheKeys.entry(redis, id));
        double hitsBefore = cacheHits();
        var fromStore =
                given().get("/v1/aicons/{id}", id).then().statusCode(200).extract();
        var fromCache =
                given().get("/v1/aicons/{id}", id).then().statusCode(200).extract();
        assertEquals(hitsBefore + 1, cacheHits());
        assertEquals("\"1\"", fromStore.header("ETag"));
        assertEquals(fromStore.header("ETag"), fromCache.header("ETag"));
        assertEquals(Fixtures.json(fromStore.asString()), Fixtures.json(fromCache.asString()));
    }

    @Test
    void everyAcceptedWriteRefreshesTheEntryBeforeItIsAcknowledged() {
        String id = create(Fixtures.uniqueId("refresh"));
        assertTrue(cached(id).startsWith("v:1:"), cached(id));
        long ttl = redis.key(String.class).pttl(CacheKeys.entry(redis, id));
        assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(5).toMillis(), "entries expire after aicon.cache.ttl: " + ttl);
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"continuous\",\"value\":2.5}")
                .put("/v1/aicons/{id}/factors/extra", id)
                .then()
                .statusCode(201);
        assertTrue(cached(id).startsWith("v:2:"), cached(id));
        given().get("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("state_factors.extra.value", equalTo(2.5f));
        given().delete("/v1/aicons/{id}", id).then().statusCode(204);
        assertEquals("d:3", cached(id));
        double storeGets = storeGets();
        given().get("/v1/aicons/{id}", id).then().statusCode(404);
        assertEquals(storeGets, storeGets(), "a cached delete answers 404 without a store read");
        create(id);
        assertTrue(cached(id).startsWith("v:4:"), "a re-create continues the versions past the delete marker");
    }

    @Test
    void concurrentMissesOnOneKeyCostOneStoreRead() {
        String id = create(Fixtures.uniqueId("stampede"));
        redis.key(String.class).del(CacheKeys.entry(redis, id));
        double before = storeGets();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/aicons/" + id);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(http.sendAsync(
                    HttpRequest.newBuilder(uri)
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        answers.forEach(answer -> assertEquals(200, answer.join().statusCode()));
        assertEquals(before + 1, storeGets(), "40 concurrent misses, one store read");
    }

    @Test
    void entriesOnlyMoveForwardInVersion() {
        String id = Fixtures.uniqueId("forward");
        AIcon v2 = Fixtures.sdkAIcon(id).stamped(2, Timestamps.now());
        AIcon v3 = Fixtures.sdkAIcon(id).stamped(3, Timestamps.now());
        CacheLookup.Miss missBefore = assertInstanceOf(
                CacheLookup.Miss.class, cache.get(TenantId.DEFAULT, id).await().atMost(Duration.ofSeconds(5)));
        cache.refresh(TenantId.DEFAULT, v3).await().atMost(Duration.ofSeconds(5));
        cache.refresh(TenantId.DEFAULT, v2).await().atMost(Duration.ofSeconds(5));
        cache.fill(TenantId.DEFAULT, Fixtures.sdkAIcon(id).stamped(1, Timestamps.now()), missBefore)
                .await()
                .atMost(Duration.ofSeconds(5));
        CacheLookup lookup = cache.get(TenantId.DEFAULT, id).await().atMost(Duration.ofSeconds(5));
        assertEquals(3, assertInstanceOf(CacheLookup.Hit.class, lookup).aicon().version());
        cache.deleted(TenantId.DEFAULT, id, 3).await().atMost(Duration.ofSeconds(5));
        cache.refresh(TenantId.DEFAULT, v3).await().atMost(Duration.ofSeconds(5));
        cache.refresh(TenantId.DEFAULT, Fixtures.sdkAIcon(id).stamped(1, Timestamps.now()))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertInstanceOf(
                CacheLookup.Deleted.class,
                cache.get(TenantId.DEFAULT, id).await().atMost(Duration.ofSeconds(5)),
                "a late write of the deleted version, or of its first one, does not bring it back");
    }

    @Test
    void healthNamesTheCache() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'gateway' }.data.cache", equalTo("UP"))
                .body("checks.find { it.name == 'gateway' }.data.cache_breaker", equalTo("CLOSED"));
    }
}
