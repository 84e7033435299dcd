package dev.aicon.gateway.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.it.BodyFloodIT;
import dev.aicon.gateway.it.GatewayProcess;
import dev.aicon.gateway.support.TestCredential;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Liveness under a flood of maximum-size bodies: the packaged gateway ({@code -Xmx256m}, file store) answers
 * {@code /q/health/live} one probe after another, first idle, then while {@value #SENDERS} clients send 16 MiB
 * bodies back to back (half tiny JSON objects, half long text); p50 / p99 / max of each, and the flood's answers.
 */
final class FloodBench {

    static final int SENDERS = 8;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Measures and returns the lines of the report; fills {@code results}. */
    List<String> run(Path work, int seconds, ObjectNode results) throws Exception {
        List<String> lines = new ArrayList<>();
        byte[] tiny = BodyFloodIT.tinyObjects(BodyFloodIT.MAX_BYTES);
        byte[] text = BodyFloodIT.longText(BodyFloodIT.MAX_BYTES - 200);
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve("flood-data"), work.resolve("flood.log"))) {
            gateway.awaitReady(http);
            probes(gateway, Duration.ofSeconds(2));
            List<Long> idle = probes(gateway, Duration.ofSeconds(seconds));
            Map<Integer, Integer> answers = new ConcurrentHashMap<>();
            AtomicBoolean flooding = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int i = 0; i < SENDERS; i++) {
                byte[] body = i % 2 == 0 ? tiny : text;
                String id = "flood-" + i;
                senders.submit(() -> {
                    while (flooding.get()) {
                        answers.merge(send(gateway, id, body), 1, Integer::sum);
                    }
                    return null;
                });
            }
            List<Long> flooded = probes(gateway, Duration.ofSeconds(seconds));
            flooding.set(false);
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
            boolean alive = gateway.process().isAlive();
            lines.add("Liveness (/q/health/live, one probe after another, -Xmx256m, file store), ms:");
            lines.add(row("idle", idle));
            lines.add(row(SENDERS + " clients sending 16 MiB bodies", flooded));
            lines.add("Flood answers by status: " + new TreeMap<>(answers) + "; gateway alive after: " + alive);
            ObjectNode flood = results.putObject("liveness_under_flood");
            put(flood.putObject("idle"), idle);
            put(flood.putObject("flooded"), flooded);
            ObjectNode statuses = flood.putObject("flood_answers");
            new TreeMap<>(answers).forEach((status, count) -> statuses.put(status.toString(), count));
            flood.put("alive_after", alive);
        }
        return lines;
    }

    private int send(GatewayProcess gateway, String id, byte[] body) {
        try {
            return http.send(
                            HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                    .timeout(Duration.ofMinutes(2))
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private List<Long> probes(GatewayProcess gateway, Duration length) throws Exception {
        List<Long> micros = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            HttpResponse<Void> live = http.send(
                    HttpRequest.newBuilder(gateway.uri("/q/health/live"))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (live.statusCode() != 200) {
                throw new IllegalStateException("liveness answered " + live.statusCode());
            }
            micros.add((System.nanoTime() - start) / 1000);
            // the probe's sampling interval, not a wait for a condition
            Thread.sleep(20);
        }
        return micros;
    }

    private static double percentile(List<Long> micros, double p) {
        List<Long> sorted = micros.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1000.0;
    }

    private static String row(String label, List<Long> micros) {
        return String.format(
                Locale.ROOT,
                "  %-34s p50 %7.1f  p99 %7.1f  max %7.1f  (%d probes)",
                label,
                percentile(micros, 0.5),
                percentile(micros, 0.99),
                percentile(micros, 1.0),
                micros.size());
    }

    private static void put(ObjectNode node, List<Long> micros) {
        node.put("p50_ms", percentile(micros, 0.5))
                .put("p99_ms", percentile(micros, 0.99))
                .put("max_ms", percentile(micros, 1.0))
                .put("probes", micros.size());
    }
}
