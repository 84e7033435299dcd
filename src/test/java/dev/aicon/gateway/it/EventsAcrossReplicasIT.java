package dev.aicon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.SseClient;
import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged gateways on one PostgreSQL: writes accepted by gateway A reach SSE clients of gateway B through
 * LISTEN/NOTIFY and the outbox, in order, each once, also for a client of B that resumes with Last-Event-ID.
 */
class EventsAcrossReplicasIT {

    private static final int WRITERS = 4;
    private static final int WRITES_PER_WRITER = 15;

    private static PostgresProcess postgres;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @BeforeAll
    static void database() {
        postgres = new PostgresProcess().start();
    }

    @AfterAll
    static void stop() {
        postgres.stop();
    }

    private List<String> settings(String name) {
        return List.of(
                "-Dquarkus.profile=dev",
                "-Daicon.store.backend=postgres",
                "-Daicon.store.file.dir=" + work.resolve(name),
                "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.username=" + PostgresServer.RUNTIME,
                "-Daicon.store.postgres.migration-username=" + PostgresServer.OWNER,
                "-Daicon.store.postgres.migration-password=" + PostgresServer.PASSWORD,
                "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD,
                "-Daicon.events.poll-interval=1h");
    }

    private int put(GatewayProcess gateway, String id, int round) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(Fixtures.sdkDocument(id)
                                .put("name", "round " + round)
                                .toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 201, answer.body());
        return answer.statusCode();
    }

    /** Each writer updates its own AIcon; the writers run at once, so outbox ids commit out of order at times. */
    private void writeConcurrently(GatewayProcess gateway, List<String> ids, int from) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(pool.submit(() -> {
                    for (int round = from; round < from + WRITES_PER_WRITER; round++) {
                        put(gateway, id, round);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void writesOnOneGatewayReachStreamsOfAnotherInOrderExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            ids.add(Fixtures.uniqueId("replica-" + i));
        }
        try (GatewayProcess a = GatewayProcess.start(settings("a"), work.resolve("a.log"))
                        .awaitReady(http);
                GatewayProcess b = GatewayProcess.start(settings("b"), work.resolve("b.log"))
                        .awaitReady(http)) {
            String lastSeen;
            try (SseClient onB = SseClient.connect(b.uri("/v1/events").toString(), null);
                    SseClient oneOnB = SseClient.connect(
                            b.uri("/v1/aicons/" + ids.get(0) + "/events").toString(), null)) {
                assertEquals(200, onB.status());
                long started = System.nanoTime();
                writeConcurrently(a, ids, 1);
                List<SseClient.Event> events = onB.take(WRITERS * WRITES_PER_WRITER, Duration.ofSeconds(30));
                System.out.printf(
                        "replicas: %d events written on A arrived on B %d ms after the first write%n",
                        events.size(), (System.nanoTime() - started) / 1_000_000);
                assertInOrderOncePerVersion(events, ids, 1);
                List<SseClient.Event> one = oneOnB.take(WRITES_PER_WRITER, Duration.ofSeconds(30));
                assertTrue(one.stream()
                        .allMatch(e ->
                                Fixtures.json(e.data()).get("aicon_id").asText().equals(ids.get(0))));
                lastSeen = events.get(events.size() - 1).id();
            }
            writeConcurrently(a, ids, 1 + WRITES_PER_WRITER);
            try (SseClient resumed = SseClient.connect(b.uri("/v1/events").toString(), lastSeen)) {
                List<SseClient.Event> missed = resumed.take(WRITERS * WRITES_PER_WRITER, Duration.ofSeconds(30));
                assertInOrderOncePerVersion(missed, ids, 1 + WRITES_PER_WRITER);
                int lastOfFirst = missed.stream()
                        .map(e -> Fixtures.json(e.data()))
                        .filter(data -> data.get("aicon_id").asText().equals(ids.get(0)))
                        .mapToInt(data -> data.get("version").asInt())
                        .max()
                        .orElseThrow();
                put(a, ids.get(0), 0);
                SseClient.Event next = resumed.next(Duration.ofSeconds(30));
                assertTrue(next != null, "the write after the resumed ones arrives");
                assertEquals(
                        ids.get(0),
                        Fixtures.json(next.data()).get("aicon_id").asText(),
                        "nothing twice: the next event is the later write");
                assertEquals(
                        lastOfFirst + 1,
                        Fixtures.json(next.data()).get("version").asInt());
            }
        }
    }

    /** Ids increase; each AIcon's versions arrive one by one from {@code firstVersion}, none missing or repeated. */
    private static void assertInOrderOncePerVersion(List<SseClient.Event> events, List<String> ids, int firstVersion) {
        Map<String, Integer> nextVersion = new HashMap<>();
        ids.forEach(id -> nextVersion.put(id, firstVersion));
        long previous = 0;
        for (SseClient.Event event : events) {
            long id = Long.parseLong(event.id());
            assertTrue(id > previous, "event ids increase: " + previous + " then " + id);
            previous = id;
            JsonNode data = Fixtures.json(event.data());
            String aicon = data.get("aicon_id").asText();
            assertEquals(nextVersion.get(aicon), data.get("version").asInt(), "version of " + aicon);
            nextVersion.put(aicon, nextVersion.get(aicon) + 1);
        }
        ids.forEach(id -> assertEquals(firstVersion + WRITES_PER_WRITER, nextVersion.get(id), id));
    }
}
