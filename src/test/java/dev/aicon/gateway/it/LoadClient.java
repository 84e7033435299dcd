package dev.aicon.gateway.it;

import dev.aicon.gateway.support.TestCredential;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One client of a bounded load: it owns one AIcon and alternates a factor write (without If-Match; write n sets
 * factor {@code w<n % 200>} to n) and a read of the AIcon. It remembers what the gateway acknowledged, what may or
 * may not have been applied (the connection broke after the request was sent), and every read that returned a
 * version older than one it had been acknowledged.
 */
final class LoadClient implements Runnable {

    final String id;
    private final Supplier<URI> base;
    private final AtomicBoolean running;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final int FACTORS = 200;

    /** The last acknowledged value of each factor. */
    final Map<String, Long> acknowledged = new LinkedHashMap<>();
    /** Values sent to each factor whose outcome is unknown. */
    final Map<String, List<Long>> ambiguous = new LinkedHashMap<>();

    int acknowledgedWrites;
    int ambiguousWrites;
    int journaledWrites;
    final List<String> staleReads = new ArrayList<>();
    long highestAcknowledged;
    int reads;
    private int next;

    LoadClient(String id, Supplier<URI> base, AtomicBoolean running) {
        this.id = id;
        this.base = base;
        this.running = running;
    }

    @Override
    public void run() {
        while (running.get()) {
            write();
            read();
            pause();
        }
    }

    private void write() {
        long value = ++next;
        String factor = "w" + (value % FACTORS);
        HttpRequest put = HttpRequest.newBuilder(base.get().resolve("/v1/aicons/" + id + "/factors/" + factor))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"continuous\",\"value\":" + value + "}"))
                .build();
        try {
            HttpResponse<String> answer = http.send(put, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                acknowledged.put(factor, value);
                acknowledgedWrites++;
                highestAcknowledged = Math.max(highestAcknowledged, versionOf(answer));
                if (answer.headers().firstValue("AIcon-Degraded").isPresent()) {
                    journaledWrites++;
                }
            }
        } catch (ConnectException e) {
            // never reached the gateway (it was down): certainly not applied
        } catch (IOException e) {
            ambiguous.computeIfAbsent(factor, f -> new ArrayList<>()).add(value);
            ambiguousWrites++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        HttpRequest get = HttpRequest.newBuilder(base.get().resolve("/v1/aicons/" + id))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                reads++;
                long version = versionOf(answer);
                if (version < highestAcknowledged) {
                    staleReads.add("read version " + version + " after " + highestAcknowledged + " was acknowledged"
                            + answer.headers()
                                    .firstValue("AIcon-Degraded")
                                    .map(s -> " (degraded: " + s + ")")
                                    .orElse(""));
                }
            }
        } catch (IOException e) {
            // the gateway is down or restarting; reads are retried on the next round
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long versionOf(HttpResponse<String> answer) {
        return Long.parseLong(answer.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
    }

    /** Paces the client between requests: the load is bounded by design, this is what bounds it. */
    private static void pause() {
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
