package dev.aicon.gateway.blob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The brain endpoints on one configuration of tiers; subclasses say where large brains go and damage them. */
abstract class BrainContract {

    static final String BRAIN = "/v1/aicons/{id}/brain";

    /** Where a brain above the inline threshold is stored in this configuration. */
    protected abstract String largeLocation();

    /** The codec compressible brains get here. */
    protected abstract String codec();

    /** Damages the stored bytes of the brain described by {@code brain}. */
    protected abstract void corrupt(BrainMeta brain) throws Exception;

    static String create() {
        String id = Fixtures.uniqueId("brain");
        given().contentType(ContentType.JSON)
                .body(Fixtures.sdkDocument(id).toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(201);
        return id;
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static byte[] compressibleBytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ("posterior samples " + (i / 4096)).charAt(i % 18);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static ExtractableResponse<Response> upload(String id, byte[] bytes, int status) {
        return given().contentType("application/octet-stream")
                .body(bytes)
                .put(BRAIN, id)
                .then()
                .statusCode(status)
                .extract();
    }

    static BrainMeta recorded(String id) {
        ObjectNode document = Fixtures.json(given().get("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        return BrainMeta.of(document.get("brain"));
    }

    private void roundTrip(int size) throws Exception {
        String id = create();
        byte[] bytes = randomBytes(size);
        String etag = "\"" + sha256(bytes) + "\"";
        assertEquals(etag, upload(id, bytes, 201).header("ETag"));
        given().get(BRAIN, id)
                .then()
                .statusCode(200)
                .header("ETag", etag)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Length", Integer.toString(size));
        byte[] back = given().get(BRAIN, id).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(bytes, back, size + " bytes come back as sent");
        given().head(BRAIN, id)
                .then()
                .statusCode(200)
                .header("ETag", etag)
                .header("Content-Length", Integer.toString(size));
    }

    @Test
    void anEmptyBrainRoundTrips() throws Exception {
        roundTrip(0);
    }

    @Test
    void aOneKilobyteBrainRoundTripsInline() throws Exception {
        roundTrip(1024);
    }

    @Test
    void aFiveMegabyteBrainRoundTripsThroughTheLargeTier() throws Exception {
        roundTrip(5 * 1024 * 1024);
    }

    @Test
    void theThresholdPicksTheTierAndTheDocumentRecordsIt() {
        String id = create();
        upload(id, randomBytes(1024), 201);
        assertEquals(BrainMeta.Location.inline, recorded(id).location());
        upload(id, randomBytes(3 * 1024 * 1024), 200);
        BrainMeta large = recorded(id);
        assertEquals(largeLocation(), large.location().name());
        assertEquals(3 * 1024 * 1024, large.size());
        assertEquals(large.size(), large.storedSize(), "random bytes do not compress, so they are stored as sent");
        assertEquals("none", large.codec().name());
    }

    @Test
    void compressibleBrainsAreStoredCompressedAndReadBackAsSent() throws Exception {
        String id = create();
        byte[] bytes = compressibleBytes(4 * 1024 * 1024);
        assertEquals(codec(), upload(id, bytes, 201).path("codec"));
        BrainMeta brain = recorded(id);
        assertEquals(codec(), brain.codec().name());
        assertEquals(bytes.length, brain.size());
        given().get("/v1/aicons/{id}", id).then().body("brain.stored_size", lessThan(bytes.length / 4));
        assertArrayEquals(
                bytes, given().get(BRAIN, id).then().statusCode(200).extract().asByteArray());
    }

    @Test
    void conditionalRequestsUseTheContentHash() throws Exception {
        String id = create();
        byte[] first = randomBytes(2048);
        String etag = "\"" + sha256(first) + "\"";
        given().contentType("application/octet-stream")
                .header("If-None-Match", "*")
                .body(first)
                .put(BRAIN, id)
                .then()
                .statusCode(201)
                .header("ETag", etag);
        given().contentType("application/octet-stream")
                .header("If-None-Match", "*")
                .body(randomBytes(10))
                .put(BRAIN, id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().contentType("application/octet-stream")
                .header("If-Match", "\"" + sha256(randomBytes(10)) + "\"")
                .body(randomBytes(10))
                .put(BRAIN, id)
                .then()
                .statusCode(412);
        given().header("If-None-Match", etag)
                .get(BRAIN, id)
                .then()
                .statusCode(304)
                .header("ETag", etag);
        assertArrayEquals(
                first, given().get(BRAIN, id).then().statusCode(200).extract().asByteArray());
        given().contentType("application/octet-stream")
                .header("If-Match", etag)
                .body(randomBytes(20))
                .put(BRAIN, id)
                .then()
                .statusCode(200);
        given().header("If-Match", etag).delete(BRAIN, id).then().statusCode(412);
        given().delete(BRAIN, id).then().statusCode(204);
        given().get(BRAIN, id).then().statusCode(404).contentType("application/problem+json");
        given().delete(BRAIN, id).then().statusCode(404);
    }

    @Test
    void aDocumentWriteKeepsTheServerOwnedBrain() {
        String id = create();
        upload(id, randomBytes(100), 201);
        BrainMeta brain = recorded(id);
        ObjectNode document = Fixtures.sdkDocument(id);
        document.putObject("brain").put("sha256", "forged").put("object", "elsewhere");
        given().contentType(ContentType.JSON)
                .body(document.toString())
                .put("/v1/aicons/{id}", id)
                .then()
                .statusCode(200)
                .body("brain.sha256", equalTo(brain.sha256()));
        assertEquals(brain, recorded(id));
    }

    @Test
    void badRequestsAreRefused() {
        String id = create();
        given().contentType("text/plain")
                .body("x")
                .put(BRAIN, id)
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().contentType("application/octet-stream")
                .body(new byte[10])
                .put(BRAIN, "no-such-aicon")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/octet-stream")
                .body(new byte[10])
                .put(BRAIN, "a..b")
                .then()
                .statusCode(400);
        given().post(BRAIN, id).then().statusCode(405).header("Allow", "GET, HEAD, PUT, DELETE");
        given().get(BRAIN, id).then().statusCode(404);
    }

    @Test
    void aDamagedStoredBrainIsAnErrorNotBytes() throws Exception {
        String id = create();
        upload(id, randomBytes(3 * 1024 * 1024), 201);
        corrupt(recorded(id));
        given().get(BRAIN, id)
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("aicon_id", equalTo(id))
                .body("type", equalTo("urn:aicon:problem:stored-brain-corrupt"));
    }

    static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
