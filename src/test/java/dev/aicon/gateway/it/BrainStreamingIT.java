package dev.aicon.gateway.it;

import dev.aicon.gateway.support.FakeGcs;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.GeneratedBody;
import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 300 MiB brain through the packaged gateway started with {@code -Xmx256m}, offloaded to the GCS fake with a
 * resumable upload and read back byte for byte: the gateway can only pass this by streaming both ways.
 */
class BrainStreamingIT {

    private static final long SIZE = 300L * 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void a300MiBBrainStreamsThroughAGatewayWith256MiBOfHeap() throws Exception {
        try (FakeGcs gcs = new FakeGcs().start();
                GatewayProcess gateway = GatewayProcess.start(
                        List.of(
                                "-Dquarkus.profile=dev",
                                "-Daicon.store.file.dir=" + work.resolve("data"),
                                "-Daicon.features.gcs-offload.enabled=true",
                                "-Daicon.blob.gcs.host=" + gcs.host(),
                                "-Daicon.blob.gcs.bucket=brains",
                                "-Daicon.blob.gcs.project-id=test"),
                        work.resolve("gateway.log"))) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            gateway.awaitReady(http);
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(gateway.uri("/v1/aicons/big"))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(
                                    Fixtures.sdkDocument("big").toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode());

            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            long started = System.nanoTime();
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(gateway.uri("/v1/aicons/big/brain"))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .header("Content-Type", "application/octet-stream")
                            .timeout(Duration.ofMinutes(5))
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(
                                            () -> new DigestInputStream(GeneratedBody.of(SIZE), sent)),
                                    SIZE))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long saveMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(201, put.statusCode(), put.body() + "\n" + gateway.log());
            String sha = HexFormat.of().formatHex(sent.digest());
            assertEquals("gcs", Fixtures.json(put.body()).get("location").asText());
            assertEquals("\"" + sha + "\"", put.headers().firstValue("ETag").orElse(""));

            started = System.nanoTime();
            HttpResponse<InputStream> get = http.send(
                    HttpRequest.newBuilder(gateway.uri("/v1/aicons/big/brain"))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, get.statusCode());
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long bytes;
            try (InputStream body = new DigestInputStream(get.body(), received)) {
                bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            long loadMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(SIZE, bytes);
            assertEquals(sha, HexFormat.of().formatHex(received.digest()), "the brain comes back byte for byte");
            System.out.printf("300 MiB brain with -Xmx256m: save %d ms, load %d ms%n", saveMillis, loadMillis);
        }
    }
}
