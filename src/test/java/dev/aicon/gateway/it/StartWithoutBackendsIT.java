package dev.aicon.gateway.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.TestCredential;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged gateway on PostgreSQL starts with its backends down: PostgreSQL stopped (or never started, its
 * database empty), Redis and GCS pointing at closed loopback ports. It serves its journal in degraded mode, and once
 * PostgreSQL answers it migrates the schema, then replays every acknowledged write.
 */
class StartWithoutBackendsIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Acknowledged> acknowledged = new LinkedHashMap<>();
    private PostgresProcess postgres;
    private GatewayProcess gateway;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (gateway != null) {
            gateway.kill();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void aGatewayRestartedWhilePostgresIsDownServesItsJournalAndReplaysItOnceBack() throws Exception {
        postgres = new PostgresProcess().start();
        gateway = startGateway("first.log").awaitReady(http);
        assertEquals(
                "migrated",
                readiness().at("/checks/0/data/store_schema").asText(),
                readiness().toString());
        for (String id : List.of("kept-1", "kept-2", "untouched")) {
            put(id, 1, 201, false);
        }
        put("kept-1", 2, 200, false);

        postgres.stop();
        put("kept-1", 3, 200, true);
        put("kept-2", 2, 200, true);
        String posted = post();
        gateway.kill();

        gateway = startGateway("second.log");
        awaitStartedAndLive();
        gateway.awaitReady(http);
        ObjectNode details = readiness().at("/checks/0/data").deepCopy();
        assertEquals("DOWN", details.get("store").asText(), details.toString());
        assertEquals("pending", details.get("store_schema").asText(), details.toString());
        assertEquals("degraded", details.get("mode").asText(), details.toString());
        assertEquals(3, details.get("journal_depth").asInt(), details.toString());
        for (String id : List.of("kept-1", "kept-2", posted)) {
            assertServed(id, "journal");
        }
        HttpResponse<String> untouched = get("untouched");
        assertEquals(503, untouched.statusCode(), untouched.body());
        assertTrue(
                untouched.headers().firstValue("Retry-After").isPresent(),
                untouched.headers().toString());
        put("kept-2", 3, 200, true);
        put(posted, 2, 200, true);

        postgres.start();
        awaitJournalReplayed();
        for (String id : acknowledged.keySet()) {
            assertServed(id, null);
        }
        assertNormalAndReady();
    }

    @Test
    void aFirstStartWithPostgresNeverUpJournalsThenMigratesAndReplays() throws Exception {
        postgres = new PostgresProcess();
        Instant started = Instant.now();
        gateway = startGateway("first.log");
        awaitStartedAndLive();
        gateway.awaitReady(http);
        ObjectNode details = readiness().at("/checks/0/data").deepCopy();
        assertEquals("DOWN", details.get("store").asText(), details.toString());
        assertEquals("pending", details.get("store_schema").asText(), details.toString());

        String first = post();
        String second = post();
        put(first, 2, 200, true);
        assertServed(first, "journal");
        assertServed(second, "journal");
        await("a few failed migration attempts", () -> count(gateway.log(), "PostgreSQL schema not migrated yet") >= 3);

        postgres.start();
        long downSeconds = Duration.between(started, Instant.now()).toSeconds();
        awaitJournalReplayed();
        for (String id : acknowledged.keySet()) {
            assertServed(id, null);
        }
        assertNormalAndReady();
        String log = gateway.log();
        int warnings = count(log, "PostgreSQL schema not migrated yet");
        assertTrue(warnings <= downSeconds + 2, warnings + " warnings in about " + downSeconds + " s at a 1 s pace");
        int migrated = log.indexOf("PostgreSQL schema migrated: " + migrationCount() + " migration(s) applied");
        int replay = log.indexOf("store answers again: replaying");
        assertTrue(migrated >= 0 && replay > migrated, "the schema is migrated before the journal replays:\n" + log);
    }

    /** Every migration the gateway ships, all applied to a database that never had a schema. */
    private static long migrationCount() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .count();
        }
    }

    private GatewayProcess startGateway(String log) throws IOException {
        return GatewayProcess.start(
                List.of(
                        "-Dquarkus.profile=prod",
                        "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                        "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                        "-Dquarkus.datasource.username=" + PostgresServer.RUNTIME,
                        "-Daicon.store.postgres.migration-username=" + PostgresServer.OWNER,
                        "-Daicon.store.postgres.migration-password=" + PostgresServer.PASSWORD,
                        "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD,
                        "-Dquarkus.redis.hosts=redis://127.0.0.1:" + closedPort(),
                        "-Dquarkus.redis.timeout=1s",
                        "-Daicon.features.cache.enabled=true",
                        "-Daicon.features.gcs-offload.enabled=true",
                        "-Daicon.blob.gcs.bucket=aicon-it",
                        "-Daicon.blob.gcs.project-id=test",
                        "-Daicon.blob.gcs.host=http://127.0.0.1:" + closedPort(),
                        "-Daicon.store.file.dir=" + work.resolve("data"),
                        "-Daicon.journal.dir=" + work.resolve("journal"),
                        "-Daicon.blob.local-dir=" + work.resolve("blobs"),
                        "-Daicon.blob.spool-dir=" + work.resolve("spool"),
                        "-Daicon.journal.replay-interval=1s",
                        "-Daicon.store.postgres.migration-retry-interval=1s",
                        "-Daicon.resilience.store.timeout=1s",
                        "-Daicon.resilience.store.delay=1s",
                        "-Daicon.resilience.cache.timeout=300ms",
                        "-Daicon.resilience.cache.delay=1s"),
                work.resolve(log));
    }

    /** PUTs the next content of {@code id}, expecting {@code version}, the status and whether it was journaled. */
    private void put(String id, long version, int status, boolean journaled) throws Exception {
        ObjectNode sent = Fixtures.sdkDocument(id).put("name", id + " v" + version);
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(sent.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertAcknowledged(answer, status, version, journaled);
        acknowledged.put(id, new Acknowledged(version, sent));
    }

    /** Creates an AIcon under a server-chosen id; with PostgreSQL down it goes to the journal. */
    private String post() throws Exception {
        ObjectNode sent = Fixtures.sdkDocument("ignored");
        sent.remove("id");
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/aicons"))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(sent.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertAcknowledged(answer, 201, 1, true);
        String id = Fixtures.json(answer.body()).get("id").asText();
        acknowledged.put(id, new Acknowledged(1, sent.put("id", id)));
        return id;
    }

    private static void assertAcknowledged(HttpResponse<String> answer, int status, long version, boolean journaled) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("\"" + version + "\"", answer.headers().firstValue("ETag").orElse(""), answer.body());
        assertEquals(
                journaled ? "journal" : "",
                answer.headers().firstValue("AIcon-Degraded").orElse(""));
    }

    /** The last acknowledged content and version of {@code id}, marked {@code degraded} (null: not marked). */
    private void assertServed(String id, String degraded) throws Exception {
        HttpResponse<String> answer = get(id);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(
                degraded == null ? "" : degraded,
                answer.headers().firstValue("AIcon-Degraded").orElse(""),
                id);
        ObjectNode stored = Fixtures.json(answer.body());
        assertEquals(
                "\"" + stored.get("version").asLong() + "\"",
                answer.headers().firstValue("ETag").orElse(""));
        assertEquals(acknowledged.get(id).version(), stored.get("version").asLong(), id);
        stored.remove("version");
        stored.remove("updated_at");
        assertEquals(acknowledged.get(id).document(), stored, id);
    }

    private HttpResponse<String> get(String id) throws Exception {
        return http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ObjectNode readiness() throws Exception {
        return Fixtures.json(http.send(
                        HttpRequest.newBuilder(gateway.uri("/q/health/ready"))
                                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private int status(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(gateway.uri(path))
                                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException notYet) {
            return 0;
        }
    }

    private void awaitStartedAndLive() throws Exception {
        await(
                "started and live with the backends down",
                () -> status("/q/health/started") == 200 && status("/q/health/live") == 200);
    }

    private void awaitJournalReplayed() throws Exception {
        await(
                "the journal is replayed once PostgreSQL answers",
                () -> Fixtures.json(http.send(
                                                HttpRequest.newBuilder(gateway.uri("/v1/admin/journal"))
                                                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body())
                                .get("depth")
                                .asInt()
                        == 0);
    }

    private void assertNormalAndReady() throws Exception {
        await("ready with the store up and migrated", () -> {
            ObjectNode ready = readiness();
            return ready.path("status").asText().equals("UP")
                    && ready.at("/checks/0/data/store").asText().equals("UP")
                    && ready.at("/checks/0/data/store_schema").asText().equals("migrated")
                    && ready.at("/checks/0/data/journal_depth").asInt() == 0;
        });
    }

    private void await(String what, Callable<Boolean> condition) throws IOException {
        try {
            Awaitility.await(what)
                    .atMost(LIMIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            fail(what + "\n" + gateway.log(), e);
        }
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }

    private record Acknowledged(long version, ObjectNode document) {}

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
