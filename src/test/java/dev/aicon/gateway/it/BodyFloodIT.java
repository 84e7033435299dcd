package dev.aicon.gateway.it;

import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten concurrent bodies of {@code aicon.document.max-bytes} (16 MiB) sent to the packaged gateway started with
 * {@code -Xmx256m}: six of tiny JSON objects (millions of tokens) and four of long text (few tokens, stored). Every one
 * is answered 201, 413 or 503 with {@code Retry-After}, never another 5xx; the process lives on, and liveness answers
 * within two seconds all along.
 */
public class BodyFloodIT {

    public static final int MAX_BYTES = 16 * 1024 * 1024;

    @TempDir
    Path work;

    /** A document of exactly {@code bytes} whose {@code x} is a list of {@code {"a":1}}. */
    public static byte[] tinyObjects(int bytes) {
        StringBuilder body = new StringBuilder(bytes).append("{\"name\":\"flood\",\"aicon_type\":\"t\",\"x\":[");
        while (body.length() + 10 < bytes) {
            body.append("{\"a\":1},");
        }
        body.setLength(body.length() - 1);
        body.append("],\"p\":\"");
        while (body.length() < bytes - 2) {
            body.append('p');
        }
        return body.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A document of exactly {@code bytes} whose {@code x} is one long text. */
    public static byte[] longText(int bytes) {
        StringBuilder body = new StringBuilder(bytes).append("{\"name\":\"flood\",\"aicon_type\":\"t\",\"x\":\"");
        while (body.length() < bytes - 2) {
            body.append('x');
        }
        return body.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void maximumSizeBodiesAtOnceLeaveTheGatewayAliveAndLive() throws Exception {
        byte[] tiny = tinyObjects(MAX_BYTES);
        byte[] text = longText(MAX_BYTES - 200);
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve("data"), work.resolve("gateway.log"))) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            gateway.awaitReady(http);
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] body = i % 5 < 3 ? tiny : text;
                answers.add(http.sendAsync(
                        HttpRequest.newBuilder(gateway.uri("/v1/aicons/flood-" + i))
                                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                .timeout(Duration.ofSeconds(120))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<Long> liveness = new ArrayList<>();
            while (!CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .isDone()) {
                liveness.add(liveMillis(http, gateway));
                Thread.onSpinWait();
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(1, TimeUnit.MINUTES);
                statuses.add(response.statusCode());
                assertTrue(
                        Set.of(201, 413, 503).contains(response.statusCode()),
                        response.statusCode() + " "
                                + response.body()
                                        .substring(
                                                0, Math.min(300, response.body().length())));
                if (response.statusCode() == 503) {
                    assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    assertTrue(response.body().contains("too-busy"), response.body());
                }
            }
            assertTrue(gateway.process().isAlive(), "the gateway survived:\n" + gateway.log());
            assertTrue(!gateway.log().contains("OutOfMemoryError"), gateway.log());
            long slowest = liveness.stream().mapToLong(Long::longValue).max().orElse(0);
            assertTrue(slowest < 2000, "liveness took " + slowest + " ms; answers " + statuses);
            assertTrue(liveness.size() >= 3, "liveness was probed during the flood: " + liveness + " " + statuses);
            assertEquals(
                    200,
                    http.send(
                                    HttpRequest.newBuilder(gateway.uri("/q/health/live"))
                                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
    }

    /** One liveness probe; its time in milliseconds (it must answer 200). */
    static long liveMillis(HttpClient http, GatewayProcess gateway) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> live = http.send(
                HttpRequest.newBuilder(gateway.uri("/q/health/live"))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode(), live.body());
        return (System.nanoTime() - start) / 1_000_000;
    }
}
