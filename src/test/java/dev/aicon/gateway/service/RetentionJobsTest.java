package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.ShortRetentionProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduled retention jobs, as configured: history keeps the last 3 versions, the outbox 2 s of events. */
@QuarkusTest
@TestProfile(ShortRetentionProfile.class)
class RetentionJobsTest {

    @Inject
    GuardedStore store;

    @Inject
    MeterRegistry registry;

    private static List<Integer> versions(String id) {
        return given().get("/v1/aicons/{id}/versions", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.version");
    }

    @Test
    void historyIsPrunedToTheLastThreeVersionsByTheJob() {
        String id = Fixtures.uniqueId("retention");
        for (int i = 1; i <= 8; i++) {
            given().contentType(ContentType.JSON)
                    .body(Fixtures.sdkDocument(id).put("name", "v" + i).toString())
                    .put("/v1/aicons/{id}", id)
                    .then()
                    .statusCode(i == 1 ? 201 : 200);
        }
        await("the job keeps the last three versions")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(List.of(8, 7, 6), versions(id)));
        assertTrue(registry.counter("aicon.history.pruned").count() >= 5);
        given().get("/v1/aicons/{id}/versions/5", id).then().statusCode(404);
        given().get("/v1/aicons/{id}/versions/6", id).then().statusCode(200);
    }

    @Test
    void outboxEventsOlderThanTheRetentionAreRemovedByTheJob() {
        String id = Fixtures.uniqueId("outbox-retention");
        String later = Fixtures.uniqueId("outbox-later");
        long before = store.eventRange().await().atMost(Duration.ofSeconds(5)).newest();
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(200);
        EventQuery ofThisAIcon = new EventQuery(TenantId.DEFAULT, before, Long.MAX_VALUE, id, null, 10);
        assertEquals(
                2,
                store.events(ofThisAIcon).await().atMost(Duration.ofSeconds(5)).size());
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(later).toString())
                .put("/v1/aicons/{id}", later)
                .then()
                .statusCode(201);
        await("the job drops the events past their retention")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(
                        List.of(),
                        store.events(ofThisAIcon).await().atMost(Duration.ofSeconds(5)),
                        "events older than the retention are gone (a newer one of "
                                + "another AIcon stays as the newest)"));
        assertTrue(store.eventRange().await().atMost(Duration.ofSeconds(5)).newest() > 0, "the newest is kept");
        assertTrue(registry.counter("aicon.events.pruned").count() >= 1);
    }
}
