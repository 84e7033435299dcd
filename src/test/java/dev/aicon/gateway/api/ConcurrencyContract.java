package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.aicon.gateway.api.ApiClient.create;
import static dev.aicon.gateway.api.ApiClient.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No lost updates: concurrent writers on one AIcon, with and without {@code If-Match}. */
abstract class ConcurrencyContract {

    private static final int WRITERS = 24;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HttpRequest factorPut(String id, String name, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(ApiClient.baseUri() + "/v1/aicons/" + id + "/factors/" + name))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"continuous\",\"value\":1.5}"));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.build();
    }

    private List<Integer> sendAll(List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        requests.forEach(r -> answers.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString())));
        return answers.stream()
                .map(CompletableFuture::join)
                .map(HttpResponse::statusCode)
                .toList();
    }

    @Test
    void withoutIfMatchEveryAcceptedFactorWriteIsKeptAndCounted() {
        String id = Fixtures.uniqueId("race-free");
        create(id);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            requests.add(factorPut(id, "writer_" + i, null));
        }
        List<Integer> statuses = sendAll(requests);
        ObjectNode stored = document(id);
        int accepted = 0;
        for (int i = 0; i < WRITERS; i++) {
            int status = statuses.get(i);
            assertTrue(status == 201 || status == 409, "writer " + i + " got " + status);
            if (status == 201) {
                accepted++;
                assertTrue(stored.at("/state_factors").has("writer_" + i), "accepted write " + i + " is missing");
            }
        }
        assertEquals(WRITERS, accepted, "every unconditional write should win within its retry budget");
        assertEquals(1 + accepted, stored.get("version").asInt());
    }

    @Test
    void withoutIfMatchConcurrentUpdatesAreAllRecorded() {
        String id = Fixtures.uniqueId("updates-race");
        create(id);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            requests.add(HttpRequest.newBuilder(URI.create(ApiClient.baseUri() + "/v1/aicons/" + id + "/updates"))
                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"w" + i + "\",\"success\":true}"))
                    .build());
        }
        long accepted = sendAll(requests).stream().filter(s -> s == 200).count();
        ObjectNode stored = document(id);
        assertEquals(WRITERS, accepted);
        assertEquals(1 + accepted, stored.get("version").asInt());
        assertEquals(1 + accepted, stored.at("/run_stats/updates").size());
    }

    @Test
    void withIfMatchExactlyOneWriterWinsPerVersion() {
        String id = Fixtures.uniqueId("race-if-match");
        create(id);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            requests.add(factorPut(id, "writer_" + i, "\"1\""));
        }
        List<Integer> statuses = sendAll(requests);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(WRITERS - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        ObjectNode stored = document(id);
        assertEquals(2, stored.get("version").asInt());
        int winner = statuses.indexOf(201);
        assertTrue(stored.at("/state_factors").has("writer_" + winner));
        assertEquals(6, stored.get("state_factors").size());
    }
}
