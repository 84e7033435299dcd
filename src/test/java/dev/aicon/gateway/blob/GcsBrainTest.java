package dev.aicon.gateway.blob;

import dev.aicon.gateway.service.BlobCleanup;
import dev.aicon.gateway.support.FakeGcs;
import dev.aicon.gateway.support.GcsPostgresProfile;
import dev.aicon.gateway.support.GcsResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Brains on PostgreSQL: inline in the database, large ones offloaded to GCS (the fake on loopback), gzip. */
@QuarkusTest
@TestProfile(GcsPostgresProfile.class)
class GcsBrainTest extends BrainContract {

    @Inject
    BlobJobs jobs;

    @Inject
    BlobCleanup cleanup;

    @AfterEach
    void gcsBack() {
        GcsResource.fake().setDown(false);
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Override
    protected String largeLocation() {
        return "gcs";
    }

    @Override
    protected String codec() {
        return "gzip";
    }

    @Override
    protected void corrupt(BrainMeta brain) throws Exception {
        GcsResource.fake().corrupt(GcsResource.BUCKET, brain.object());
    }

    private static List<String> objectsOf(String id) {
        return GcsResource.fake().objects(GcsResource.BUCKET).stream()
                .map(FakeGcs.StoredObject::name)
                .filter(name -> name.startsWith("default/" + id + "/"))
                .toList();
    }

    @Test
    void largeBrainsAreWrittenOnceUnderUniqueNames() {
        String id = create();
        upload(id, randomBytes(200_000), 201);
        String first = recorded(id).object();
        upload(id, randomBytes(300_000), 200);
        String second = recorded(id).object();
        assertFalse(first.equals(second), "each write gets an object of its own");
        assertEquals(2, objectsOf(id).size(), "the replaced object stays until the cleanup");
    }

    @Test
    void theCleanupDeletesObjectsNoAIconRefersTo() {
        String id = create();
        upload(id, randomBytes(200_000), 201);
        upload(id, randomBytes(200_000), 200);
        upload(id, randomBytes(500), 200);
        String gone = create();
        upload(gone, randomBytes(200_000), 201);
        given().delete("/v1/aicons/{id}", gone).then().statusCode(204);
        int deleted = cleanup.deleteOrphans().await().atMost(Duration.ofSeconds(30));
        assertTrue(deleted >= 3, deleted + " deleted");
        assertEquals(List.of(), objectsOf(id), "the current brain is inline now; the offloaded ones are orphans");
        assertEquals(List.of(), objectsOf(gone));
        given().get(BRAIN, id).then().statusCode(200);
        String kept = create();
        upload(kept, randomBytes(200_000), 201);
        cleanup.deleteOrphans().await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(recorded(kept).object()), objectsOf(kept), "a referenced object is never deleted");
    }

    @Test
    void duringAGcsOutageLargeBrainsAreSpooledAndUploadedLater() throws Exception {
        String id = create();
        String offloaded = create();
        byte[] before = randomBytes(150_000);
        upload(offloaded, before, 201);

        GcsResource.fake().setDown(true);
        byte[] bytes = randomBytes(2 * 1024 * 1024);
        upload(id, bytes, 201);
        BrainMeta brain = recorded(id);
        assertEquals(BrainMeta.Location.gcs, brain.location());
        assertEquals(List.of(), objectsOf(id), "nothing reached GCS yet");
        assertArrayEquals(
                bytes,
                given().get(BRAIN, id).then().statusCode(200).extract().asByteArray(),
                "the spooled copy serves reads");
        given().get(BRAIN, offloaded)
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:aicon:problem:brain-unavailable"));

        GcsResource.fake().setDown(false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            jobs.uploadPending().await().atMost(Duration.ofSeconds(30));
            assertEquals(
                    List.of(brain.object()), objectsOf(id), "the spooled brain was uploaded once the breaker let it");
        });
        assertArrayEquals(
                bytes, given().get(BRAIN, id).then().statusCode(200).extract().asByteArray());
        assertArrayEquals(
                before,
                given().get(BRAIN, offloaded).then().statusCode(200).extract().asByteArray());
    }
}
