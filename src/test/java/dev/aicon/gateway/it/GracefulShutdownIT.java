package dev.aicon.gateway.it;

import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.GeneratedBody;
import dev.aicon.gateway.support.SseClient;
import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM: an upload in flight holds the gateway in its drain window (its body stops after the first piece until the
 * test lets it go on), so a new request sent after the shutdown gate has closed is answered by the gate with its 503
 * problem; the open SSE stream ends with a reconnect hint; the held upload then completes with 201 and the process
 * ends within the grace period.
 */
class GracefulShutdownIT {

    private static final int BRAIN_BYTES = 6 * 1024 * 1024;
    private static final int FIRST_PIECE = 64 * 1024;

    @TempDir
    Path work;

    @Test
    void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve("data"), work.resolve("gateway.log"))
                .awaitReady(http)) {
            assertEquals(
                    201,
                    http.send(
                                    HttpRequest.newBuilder(gateway.uri("/v1/aicons/slow"))
                                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                            .header("Content-Type", "application/json")
                                            .PUT(HttpRequest.BodyPublishers.ofString(
                                                    Fixtures.sdkDocument("slow").toString()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());

            SseClient stream =
                    SseClient.connect(gateway.uri("/v1/aicons/slow/events").toString(), null);
            assertEquals(200, stream.status());
            double before = activeRequests(http, gateway);
            HeldBody body = new HeldBody(BRAIN_BYTES, FIRST_PIECE);
            CompletableFuture<HttpResponse<String>> upload = http.sendAsync(
                    HttpRequest.newBuilder(gateway.uri("/v1/aicons/slow/brain"))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .header("Content-Type", "application/octet-stream")
                            .timeout(Duration.ofSeconds(60))
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> body), BRAIN_BYTES))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            await("the gateway is handling the held upload")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> body.held() && activeRequests(http, gateway) > before);

            gateway.process().destroy();
            await("the shutdown gate has closed")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.log().contains("new requests are refused"));
            assertFalse(upload.isDone(), "the upload is still in flight, so the gateway is in its drain window");

            HttpResponse<String> refused = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(gateway.uri("/v1/aicons/slow"))
                                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode(), refused.body() + "\n" + gateway.log());
            assertEquals(
                    "application/problem+json",
                    refused.headers().firstValue("Content-Type").orElse(""));
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals(
                    "urn:aicon:problem:shutting-down",
                    Fixtures.json(refused.body()).path("type").asText(),
                    refused.body());
            assertEquals(503, Fixtures.json(refused.body()).path("status").asInt(), refused.body());

            SseClient.Event shutdown = stream.next(Duration.ofSeconds(10));
            assertTrue(shutdown != null && shutdown.event().equals("shutdown"), "the stream was told: " + shutdown);
            assertTrue(shutdown.data().contains("Last-Event-ID"), shutdown.data());
            await("the stream is closed, not left open through the grace period")
                    .atMost(Duration.ofSeconds(10))
                    .until(stream::ended);
            stream.close();

            body.release();
            HttpResponse<String> finished = upload.get(30, TimeUnit.SECONDS);
            assertEquals(201, finished.statusCode(), finished.body() + "\n" + gateway.log());
            assertTrue(gateway.process().waitFor(30, TimeUnit.SECONDS), "the gateway ends within the grace period");
        }
    }

    /**
     * The gateway's {@code http_server_active_requests} gauge for its API port (the scrape itself goes to the
     * management port, which has a series of its own).
     */
    private static double activeRequests(HttpClient http, GatewayProcess gateway) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(gateway.managementUri("/q/metrics"))
                                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher gauge = Pattern.compile(
                        "(?m)^http_server_active_requests\\{[^}]*server_port=\"" + gateway.port + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        assertTrue(gauge.find(), "no http_server_active_requests gauge for port " + gateway.port + " in\n" + metrics);
        return Double.parseDouble(gauge.group(1));
    }

    /** A generated body that stops after its first piece until {@link #release()}, then sends the rest. */
    private static final class HeldBody extends InputStream {

        private final InputStream bytes;
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile long beforeHold;

        HeldBody(long size, int firstPiece) {
            this.bytes = GeneratedBody.of(size);
            this.beforeHold = firstPiece;
        }

        boolean held() {
            return beforeHold == 0;
        }

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (beforeHold == 0) {
                try {
                    if (!released.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("the test never released the upload");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                return bytes.read(buffer, offset, length);
            }
            int n = bytes.read(buffer, offset, (int) Math.min(length, beforeHold));
            beforeHold -= n;
            return n;
        }
    }
}
