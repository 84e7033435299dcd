package dev.aicon.gateway.blob;

import dev.aicon.gateway.support.SmallBodiesProfile;
import dev.aicon.gateway.support.TestCredential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The brain cap (here 1 MiB) and compression switched off. */
@QuarkusTest
@TestProfile(SmallBodiesProfile.class)
class BrainLimitsTest {

    @Test
    void withCompressionOffEvenCompressibleBrainsAreStoredAsSent() {
        String id = BrainContract.create();
        BrainContract.upload(id, BrainContract.compressibleBytes(512 * 1024), 201);
        BrainMeta brain = BrainContract.recorded(id);
        assertEquals("none", brain.codec().name());
        assertEquals(brain.size(), brain.storedSize());
    }

    @Test
    void aBrainOverTheCapIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        String id = BrainContract.create();
        BrainContract.upload(id, new byte[100], 201);
        byte[] tooBig = BrainContract.randomBytes(2 * 1024 * 1024);
        given().contentType("application/octet-stream")
                .body(tooBig)
                .put(BrainContract.BRAIN, id)
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(BrainContract.base() + "/v1/aicons/" + id + "/brain"))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertEquals(
                "application/problem+json",
                answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(100, BrainContract.recorded(id).size(), "the brain before is untouched");
    }
}
