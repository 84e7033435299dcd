package dev.aicon.gateway.it;

import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.GeneratedBody;
import dev.aicon.gateway.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM: a request in flight (a 6 MiB brain sent in 64 KiB pieces 40 ms apart, about 4 s) completes with 2xx,
 * a new one is refused, an open SSE stream ends with a reconnect hint, and the process ends in time.
 */
class GracefulShutdownIT {

    @TempDir
    Path work;

    @Test
    void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve("data"), work.resolve("gateway.log"))
                .awaitReady(http)) {
            assertEquals(201, http.send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/slow"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Fixtures.sdkDocument("slow").toString())).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            SseClient stream = SseClient.connect(gateway.uri("/v1/aicons/slow/events").toString(), null);
            assertEquals(200, stream.status());
            CompletableFuture<HttpResponse<String>> upload = http.sendAsync(HttpRequest.newBuilder(
                    gateway.uri("/v1/aicons/slow/brain")).header("Content-Type", "application/octet-stream")
                    .timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(
                            () -> GeneratedBody.slow(6 * 1024 * 1024, 64 * 1024, 40))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(800);
            gateway.process().destroy();
            Thread.sleep(500);

            int refused;
            try {
                refused = http.send(HttpRequest.newBuilder(gateway.uri("/v1/aicons/slow")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException connectionRefused) {
                refused = -1;
            }
            assertTrue(refused == 503 || refused == -1, "a new request during shutdown got " + refused + "\n"
                    + gateway.log());
            assertTrue(gateway.log().contains("new requests are refused"), gateway.log());

            SseClient.Event shutdown = stream.next(Duration.ofSeconds(10));
            assertTrue(shutdown != null && shutdown.event().equals("shutdown"), "the stream was told: " + shutdown);
            assertTrue(shutdown.data().contains("Last-Event-ID"), shutdown.data());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!stream.ended() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(stream.ended(), "the stream is closed, not left open through the grace period");
            stream.close();

            HttpResponse<String> finished = upload.get(30, TimeUnit.SECONDS);
            assertEquals(201, finished.statusCode(), finished.body() + "\n" + gateway.log());
            assertTrue(gateway.process().waitFor(30, TimeUnit.SECONDS), "the gateway ends within the grace period");
        }
    }
}
