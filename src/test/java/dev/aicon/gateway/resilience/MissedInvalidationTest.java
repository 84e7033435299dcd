package dev.aicon.gateway.resilience;

import dev.aicon.gateway.support.ProxiedRedisProfile;
import dev.aicon.gateway.support.ProxiedRedisServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.aicon.gateway.resilience.OutageSupport.awaitTrue;
import static dev.aicon.gateway.resilience.OutageSupport.breaker;
import static dev.aicon.gateway.resilience.OutageSupport.create;
import static dev.aicon.gateway.resilience.OutageSupport.putFactor;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write whose cache update never reached Redis (Redis frozen, the update alone lost, the cache breaker open) is
 * never read back older: not from this gateway, and not from Redis as another replica reads it.
 */
@QuarkusTest
@TestProfile(ProxiedRedisProfile.class)
class MissedInvalidationTest {

    /** A text only the forward-only update script sends. */
    private static final String CACHE_UPDATE = "local incoming";

    @Inject
    MeterRegistry registry;

    @Inject
    RedisDataSource redis;

    private Long frozenPid;

    @AfterEach
    void restore() throws Exception {
        if (frozenPid != null) {
            signal("CONT", frozenPid);
            frozenPid = null;
        }
        ProxiedRedisServices.proxy().pass();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void writesWhileRedisIsFrozenAreNeverReadOlder() throws Exception {
        String id = create("frozen");
        given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
        assertEquals(1, replicaSees(id), "the cache holds version 1");

        frozenPid = redisPid();
        signal("STOP", frozenPid);
        for (int i = 0; i < 6; i++) {
            putFactor(id, "frozen_" + i, i).then().statusCode(201).header("ETag", "\"" + (i + 2) + "\"");
        }
        assertTrue(pendingInvalidations() >= 1, "the missed invalidation is counted");
        given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", "\"7\"");
        signal("CONT", frozenPid);
        frozenPid = null;

        readsStayAt(id, "\"7\"");
        assertNoOlderEntry(id, 7);
        cacheServesAgain(id, "\"7\"");
    }

    @Test
    void aLostCacheUpdateAloneIsNeverReadOlder() throws Exception {
        String written = create("lost-update");
        String deleted = create("lost-delete");
        given().get("/v1/aicons/{id}", written).then().statusCode(200).header("ETag", "\"1\"");
        given().get("/v1/aicons/{id}", deleted).then().statusCode(200).header("ETag", "\"1\"");
        assertEquals(1, replicaSees(written), "the cache holds version 1");

        ProxiedRedisServices.proxy().dropCommandsContaining(CACHE_UPDATE);
        putFactor(written, "extra", 2.5).then().statusCode(201).header("ETag", "\"2\"");
        given().delete("/v1/aicons/{id}", deleted).then().statusCode(204);
        for (int i = 0; i < 5; i++) {
            given().get("/v1/aicons/{id}", written).then().statusCode(200).header("ETag", "\"2\"");
            given().get("/v1/aicons/{id}", deleted).then().statusCode(404);
        }
        assertNoOlderEntry(written, 2);
        assertNoOlderEntry(deleted, 2);
        awaitTrue(
                "Redis confirms the bump: nothing left pending",
                Duration.ofSeconds(10),
                () -> pendingInvalidations() == 0);

        ProxiedRedisServices.proxy().pass();
        given().get("/v1/aicons/{id}", deleted).then().statusCode(404);
        cacheServesAgain(written, "\"2\"");
    }

    @Test
    void writesWhileTheCacheBreakerIsOpenAreNeverReadOlder() throws Exception {
        String id = create("breaker-open");
        given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
        assertEquals(1, replicaSees(id), "the cache holds version 1");
        String before = generation();

        ProxiedRedisServices.proxy().refuse();
        awaitTrue("the cache breaker opens", Duration.ofSeconds(10), () -> {
            given().get("/v1/aicons/{id}", id).then().statusCode(200);
            return breaker("cache") == CircuitBreakerState.OPEN;
        });
        putFactor(id, "while_open", 1).then().statusCode(201).header("ETag", "\"2\"");
        assertEquals(1, pendingInvalidations(), "the skipped update is pending");
        ProxiedRedisServices.proxy().pass();
        assertEquals(1, entryVersion(before, id), "Redis kept version 1 through the outage");

        readsStayAt(id, "\"2\"");
        assertNoOlderEntry(id, 2);
        cacheServesAgain(id, "\"2\"");
    }

    /**
     * Reads the AIcon until the cache breaker is closed and no invalidation is pending, then some more: every
     * answer must carry {@code etag}.
     */
    private void readsStayAt(String id, String etag) {
        Awaitility.await("the cache recovers")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", etag);
                    return breaker("cache") == CircuitBreakerState.CLOSED && pendingInvalidations() == 0;
                });
        for (int i = 0; i < 20; i++) {
            given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", etag);
        }
    }

    /** Once recovered, the gateway answers from Redis again (the AIcon is not bypassed for good). */
    private void cacheServesAgain(String id, String etag) throws InterruptedException {
        double hits = registry.counter("aicon.cache.requests", "result", "hit").count();
        awaitTrue("reads hit the cache again", Duration.ofSeconds(5), () -> {
            given().get("/v1/aicons/{id}", id).then().statusCode(200).header("ETag", etag);
            return registry.counter("aicon.cache.requests", "result", "hit").count() > hits;
        });
    }

    /** What another replica would find in Redis: nothing, a delete marker, or a version at least the acknowledged. */
    private void assertNoOlderEntry(String id, long acknowledged) {
        long version = replicaSees(id);
        assertTrue(
                version == 0 || version >= acknowledged,
                "Redis offers version " + version + " of " + id + " after version " + acknowledged
                        + " was acknowledged");
    }

    /** The version a replica reads from Redis (the entry of the current generation); 0 when there is none. */
    private long replicaSees(String id) {
        return entryVersion(generation(), id);
    }

    private String generation() {
        return redis.value(String.class).get("aicon:doc:generation");
    }

    private long entryVersion(String generation, String id) {
        String value =
                generation == null ? null : redis.value(String.class).get("aicon:doc:" + generation + ":default/" + id);
        if (value == null) {
            return 0;
        }
        Matcher version = Pattern.compile("^[vd]:(\\d+)").matcher(value);
        assertTrue(version.find(), value);
        return Long.parseLong(version.group(1));
    }

    private double pendingInvalidations() {
        return registry.get("aicon.cache.invalidations.pending").gauge().value();
    }

    private long redisPid() {
        Matcher pid = Pattern.compile("process_id:(\\d+)")
                .matcher(redis.execute("INFO", "server").toString());
        assertTrue(pid.find(), "INFO names the redis-server process");
        return Long.parseLong(pid.group(1));
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        assertEquals(
                0,
                new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .inheritIO()
                        .start()
                        .waitFor(),
                "kill -" + signal + " " + pid);
    }
}
