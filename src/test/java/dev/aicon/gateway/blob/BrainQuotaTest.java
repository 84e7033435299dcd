package dev.aicon.gateway.blob;

import dev.aicon.gateway.service.BlobCleanup;
import dev.aicon.gateway.support.BrainQuotaProfile;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The disk quotas (2 MiB for local blobs, 2 MiB for the spool): 507 past them, with nothing stored or left over. */
@QuarkusTest
@TestProfile(BrainQuotaProfile.class)
class BrainQuotaTest {

    private static final String INSUFFICIENT = "urn:aicon:problem:insufficient-storage";

    @Inject
    BlobQuotas quotas;

    @Inject
    BlobCleanup cleanup;

    @Test
    void anUploadPastTheSpoolQuotaIs507WithNothingStored() throws Exception {
        String id = BrainContract.create();
        byte[] before = BrainContract.randomBytes(100);
        BrainContract.upload(id, before, 201);
        BrainMeta recorded = BrainContract.recorded(id);
        byte[] tooBig = BrainContract.randomBytes(3 * 1024 * 1024);

        given().contentType("application/octet-stream")
                .body(tooBig)
                .put(BrainContract.BRAIN, id)
                .then()
                .statusCode(507)
                .contentType("application/problem+json")
                .body("type", equalTo(INSUFFICIENT))
                .body("detail", containsString("aicon.blob.spool-max-bytes"));
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(BrainContract.base() + "/v1/aicons/" + id + "/brain"))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(507, answer.statusCode(), "without a declared length it is cut off once past the quota");
        assertTrue(answer.body().contains(INSUFFICIENT), answer.body());

        assertEquals(recorded, BrainContract.recorded(id), "the brain before is untouched");
        assertArrayEquals(
                before,
                given().get(BrainContract.BRAIN, id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        assertEquals(List.of(), files(BrainQuotaProfile.DIR + "/spool"), "nothing half-written stays in the spool");
        assertEquals(0, quotas.spool().used(), "every reservation was given back");
    }

    @Test
    void localBlobsPastTheQuotaAre507AndOrphansCountUntilTheCleanupDeletesThem() throws Exception {
        String id = BrainContract.create();
        byte[] first = BrainContract.randomBytes(1536 * 1024);
        byte[] second = BrainContract.randomBytes(1536 * 1024 + 1);
        BrainContract.upload(id, first, 201);
        BrainMeta recorded = BrainContract.recorded(id);
        assertEquals(BrainMeta.Location.local, recorded.location());
        long used = quotas.local().used();

        given().contentType("application/octet-stream")
                .body(second)
                .put(BrainContract.BRAIN, id)
                .then()
                .statusCode(507)
                .contentType("application/problem+json")
                .body("type", equalTo(INSUFFICIENT))
                .body("detail", containsString("aicon.blob.local-max-bytes"));
        assertEquals(recorded, BrainContract.recorded(id));
        assertArrayEquals(
                first,
                given().get(BrainContract.BRAIN, id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        assertEquals(List.of(recorded.object()), objectsOf(id), "nothing half-written in the blob directory");
        assertEquals(used, quotas.local().used());

        byte[] small = BrainContract.randomBytes(100);
        BrainContract.upload(id, small, 200);
        given().contentType("application/octet-stream")
                .body(second)
                .put(BrainContract.BRAIN, id)
                .then()
                .statusCode(507);
        assertTrue(cleanup.deleteOrphans().await().atMost(Duration.ofSeconds(30)) >= 1);
        assertEquals(
                used - first.length + small.length,
                quotas.local().used(),
                "the orphan's bytes are given back when it goes");
        BrainContract.upload(id, second, 200);
        assertArrayEquals(
                second,
                given().get(BrainContract.BRAIN, id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        assertEquals(0, quotas.spool().used());
    }

    private static List<String> objectsOf(String id) throws IOException {
        return files(BrainQuotaProfile.DIR + "/blobs/default/" + id).stream()
                .map(name -> "default/" + id + "/" + Path.of(name).getFileName())
                .toList();
    }

    private static List<String> files(String dir) throws IOException {
        if (!Files.isDirectory(Path.of(dir))) {
            return List.of();
        }
        try (Stream<Path> found = Files.walk(Path.of(dir))) {
            return found.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }
}
