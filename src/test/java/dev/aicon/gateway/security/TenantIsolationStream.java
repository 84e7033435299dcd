package dev.aicon.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.support.Fixtures;
import io.restassured.RestAssured;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SSE stream opened with a given bearer credential: every change event's {@code data} (as JSON) is kept in
 * arrival order, read on a thread of its own. Notices without an id (heartbeats, resets) are left out.
 */
final class TenantIsolationStream implements AutoCloseable {

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final int status;

    private TenantIsolationStream(HttpResponse<InputStream> response) {
        this.body = response.body();
        this.status = response.statusCode();
        Thread reader = new Thread(this::read, "isolation-sse");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} with {@code Authorization: <authorization>}; returns once the answer's headers arrived. */
    static TenantIsolationStream open(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", authorization)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(2))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new TenantIsolationStream(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            boolean change = false;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    change = false;
                } else if (line.startsWith("id: ")) {
                    change = true;
                } else if (change && line.startsWith("data: ")) {
                    events.add(Fixtures.json(line.substring(6)));
                }
            }
        } catch (IOException e) {
            // the stream was closed
        }
    }

    int status() {
        return status;
    }

    /** The change events received so far, in order. */
    List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The AIcon ids of the change events received so far, in order. */
    List<String> aiconIds() {
        return events.stream().map(event -> event.get("aicon_id").asText()).toList();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
