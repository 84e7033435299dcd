package dev.aicon.gateway.blob;

import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.service.BlobCleanup;
import dev.aicon.gateway.service.JournalReplayer;
import dev.aicon.gateway.support.CacheKeys;
import dev.aicon.gateway.support.FaultServices;
import dev.aicon.gateway.support.OutageProfile;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static dev.aicon.gateway.blob.BrainContract.BRAIN;
import static dev.aicon.gateway.blob.BrainContract.create;
import static dev.aicon.gateway.blob.BrainContract.randomBytes;
import static dev.aicon.gateway.blob.BrainContract.recorded;
import static dev.aicon.gateway.blob.BrainContract.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orphan-brain cleanup deletes only what the store confirms no AIcon refers to: not on the word of a stale cache
 * entry, a journaled write built on it, or anything else while the store is down (PostgreSQL stopped for real).
 */
@QuarkusTest
@TestProfile(OutageProfile.class)
class BrainCleanupOutageTest {

    @Inject
    BlobCleanup cleanup;

    @Inject
    JournalReplayer replayer;

    @Inject
    RedisDataSource redis;

    @Inject
    BlobConfig blobs;

    @AfterEach
    void storeBack() {
        FaultServices.postgres().stop();
        FaultServices.postgres().start();
        CircuitBreakerMaintenance.get().resetAll();
    }

    private boolean kept(BrainMeta brain) {
        return Files.isRegularFile(Path.of(blobs.localDir(), brain.object()));
    }

    private int sweep() {
        return cleanup.deleteOrphans().await().atMost(Duration.ofSeconds(30));
    }

    private static int journalDepth() {
        return given().get("/v1/admin/journal").then().statusCode(200).extract().path("depth");
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    private static CircuitBreakerState storeBreaker() {
        return CircuitBreakerMaintenance.get().currentState("store");
    }

    @Test
    void theBrainTheStoreRefersToSurvivesAStaleCacheAnOutageAndJournaledWrites() throws Exception {
        String id = create();
        String other = create();
        upload(id, randomBytes(1_200_000), 201);
        BrainMeta replaced = recorded(id);
        assertEquals(BrainMeta.Location.local, replaced.location());
        String cacheKey = CacheKeys.entry(redis, id);
        String stale = redis.value(String.class).get(cacheKey);
        assertNotNull(stale, "the read filled the cache");
        byte[] current = randomBytes(1_300_000);
        upload(id, current, 200);
        BrainMeta live = recorded(id);
        redis.value(String.class).set(cacheKey, stale);

        FaultServices.postgres().stop();
        await("the store breaker opens", () -> {
            given().get("/v1/aicons/{id}", other).then().statusCode(200);
            return storeBreaker() == CircuitBreakerState.OPEN;
        });
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"continuous\",\"value\":1.5}")
                .put("/v1/aicons/{id}/factors/{name}", id, "offline")
                .then()
                .statusCode(201)
                .header("AIcon-Degraded", equalTo("journal"));
        assertEquals(0, sweep(), "nothing is deleted while the store is down");
        assertTrue(kept(live) && kept(replaced));

        FaultServices.postgres().start();
        await("the store breaker closes", () -> {
            given().get("/v1/aicons/{id}", other).then().statusCode(200);
            return storeBreaker() == CircuitBreakerState.CLOSED;
        });
        assertEquals(1, journalDepth());
        assertEquals(0, sweep(), "nothing is deleted while journaled writes wait for replay");
        assertTrue(kept(live), "the journaled write (built on the stale cache) does not decide what is unused");

        await("the journal is replayed", () -> {
            replayer.replayWhenStoreAnswers().await().atMost(Duration.ofSeconds(10));
            return journalDepth() == 0;
        });
        assertEquals(1, sweep(), "the store confirms only the replaced brain is unused");
        assertTrue(kept(live));
        assertFalse(kept(replaced));
        redis.key(String.class).del(cacheKey);
        assertArrayEquals(
                current, given().get(BRAIN, id).then().statusCode(200).extract().asByteArray());
    }
}
