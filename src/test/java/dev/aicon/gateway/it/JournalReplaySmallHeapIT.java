package dev.aicon.gateway.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.TestCredential;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal several times larger than the gateway's heap: the packaged gateway with {@code -Xmx96m} on PostgreSQL
 * journals 3,000 writes of 128 KiB documents (about 390 MB) while PostgreSQL is down, is killed, restarts with the
 * same heap while PostgreSQL is still down and serves every journaled AIcon from the journal on disk, then replays
 * the whole journal once PostgreSQL is back. Every journaled version must be in the store, exactly as sent, and the
 * gateway must never run out of memory.
 */
class JournalReplaySmallHeapIT {

    private static final String HEAP = "-Xmx96m";
    private static final int AICONS = 100;
    private static final int WRITES_EACH = 30;
    private static final int PADDING_CHARS = 128 * 1024;
    private static final int BUSY_RETRIES = 20;
    private static final int CLIENTS = 4;

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PostgresProcess postgres = new PostgresProcess();
    private GatewayProcess gateway;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (gateway != null) {
            gateway.kill();
        }
        postgres.stop();
    }

    private List<String> settings() {
        return List.of(
                HEAP,
                "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.profile=prod",
                "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.username=" + PostgresServer.RUNTIME,
                "-Daicon.store.postgres.migration-username=" + PostgresServer.OWNER,
                "-Daicon.store.postgres.migration-password=" + PostgresServer.PASSWORD,
                "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD,
                "-Daicon.features.cache.enabled=false",
                "-Daicon.features.gcs-offload.enabled=false",
                "-Daicon.blob.local-dir=" + work.resolve("blobs"),
                "-Daicon.blob.spool-dir=" + work.resolve("spool"),
                "-Daicon.journal.dir=" + work.resolve("journal"),
                "-Daicon.journal.max-bytes=1G",
                "-Daicon.journal.replay-interval=1s",
                "-Daicon.resilience.store.timeout=1s",
                "-Daicon.resilience.store.delay=1s");
    }

    private static String id(int n) {
        return "heavy-" + n;
    }

    /** The document of revision {@code revision} of AIcon {@code n}: the SDK fixture, a marker and 128 KiB of text. */
    private static ObjectNode document(int n, int revision) {
        ObjectNode document = Fixtures.sdkDocument(id(n));
        StringBuilder notes = new StringBuilder(PADDING_CHARS);
        String line = id(n) + " revision " + revision + " ";
        while (notes.length() < PADDING_CHARS) {
            notes.append(line);
        }
        document.put("revision", revision);
        document.put("notes", notes.toString());
        return document;
    }

    /**
     * One PUT, sent again as a client should when the gateway answers 503 {@code too-busy}: with a 96 MiB heap the
     * body budget admits one 128 KiB body at a time (it charges each for the worst case of tokens per byte), so
     * concurrent writers may wait past {@code aicon.document.in-flight-wait}; the answer is then retried after its
     * {@code Retry-After}, a bounded number of times.
     */
    private HttpResponse<String> put(int n, int revision) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id(n)))
                .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(document(n, revision).toString()))
                .build();
        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (!tooBusy(first)) {
            return first;
        }
        Duration retryAfter = Duration.ofSeconds(
                Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow()));
        return Awaitility.await()
                .atMost(retryAfter.multipliedBy(BUSY_RETRIES))
                .pollDelay(retryAfter)
                .pollInterval(retryAfter)
                .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()), answer -> !tooBusy(answer));
    }

    private static boolean tooBusy(HttpResponse<String> answer) {
        return answer.statusCode() == 503 && answer.body().contains("urn:aicon:problem:too-busy");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(gateway.uri(path))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long journalBytesOnDisk() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("journal"))) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segment-"))
                    .toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    @Test
    void aJournalSeveralTimesTheHeapIsServedAndReplayedExactlyAfterARestart() throws Exception {
        postgres.start();
        gateway = GatewayProcess.start(settings(), work.resolve("first.log")).awaitReady(http);
        for (int n = 0; n < AICONS; n++) {
            assertEquals(201, put(n, 1).statusCode());
        }
        postgres.stop();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int revision = 2; revision <= WRITES_EACH + 1; revision++) {
                        for (int n = client; n < AICONS; n += CLIENTS) {
                            HttpResponse<String> answer = put(n, revision);
                            assertEquals(200, answer.statusCode(), answer.body());
                            assertEquals(
                                    "journal",
                                    answer.headers()
                                            .firstValue("AIcon-Degraded")
                                            .orElse(""));
                            assertEquals(
                                    "\"" + revision + "\"",
                                    answer.headers().firstValue("ETag").orElse(""));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        long journaled = journalBytesOnDisk();
        assertTrue(journaled > 3L * 96 * 1024 * 1024, "the journal holds " + journaled + " bytes");
        assertEquals(
                AICONS * WRITES_EACH,
                Fixtures.json(get("/v1/admin/journal").body()).get("depth").asInt());
        gateway.kill();

        gateway = GatewayProcess.start(settings(), work.resolve("second.log")).awaitReady(http);
        ObjectNode journal = Fixtures.json(get("/v1/admin/journal").body());
        assertEquals(AICONS * WRITES_EACH, journal.get("depth").asInt());
        assertEquals(AICONS, journal.get("overlay_aicons").asInt());
        for (int n = 0; n < AICONS; n++) {
            HttpResponse<String> read = get("/v1/aicons/" + id(n));
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("journal", read.headers().firstValue("AIcon-Degraded").orElse(""));
            assertLatest(n, Fixtures.json(read.body()));
        }

        postgres.start();
        await("the journal is replayed once PostgreSQL is back")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Fixtures.json(get("/v1/admin/journal").body())
                                .get("depth")
                                .asInt()
                        == 0);

        assertEveryVersionStored();
        for (int n = 0; n < AICONS; n++) {
            HttpResponse<String> read = get("/v1/aicons/" + id(n));
            assertEquals(200, read.statusCode(), read.body());
            assertTrue(read.headers().firstValue("AIcon-Degraded").isEmpty());
            assertLatest(n, Fixtures.json(read.body()));
        }
        assertTrue(gateway.process().isAlive(), "the gateway is still running");
        assertFalse(gateway.log().contains("OutOfMemoryError"), gateway.log());
        assertEquals(
                0,
                Fixtures.json(get("/v1/admin/journal/conflicts").body())
                        .path("items")
                        .size());
        assertEquals(
                0,
                Fixtures.json(get("/v1/admin/journal/dead-letters").body())
                        .path("items")
                        .size());
        assertEquals(0, journalBytesOnDisk(), "a replayed journal is truncated");
    }

    private static void assertLatest(int n, ObjectNode read) {
        assertEquals(WRITES_EACH + 1, read.get("version").asInt());
        read.remove("version");
        read.remove("updated_at");
        assertEquals(document(n, WRITES_EACH + 1), read);
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every version of every AIcon, read from PostgreSQL's history: each holds exactly the revision sent. */
    private void assertEveryVersionStored() throws Exception {
        Map<String, List<Integer>> revisions = new HashMap<>();
        try (Connection db =
                        DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("SELECT aicon_id, version, (document->>'revision')::int, "
                        + "md5(document->>'notes') FROM aicon_versions ORDER BY aicon_id, version")) {
            while (rows.next()) {
                String what = rows.getString(1) + " version " + rows.getInt(2);
                assertEquals(rows.getInt(2), rows.getInt(3), what);
                int n = Integer.parseInt(rows.getString(1).substring("heavy-".length()));
                assertEquals(md5(document(n, rows.getInt(2)).get("notes").textValue()), rows.getString(4), what);
                revisions
                        .computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(rows.getInt(2));
            }
        }
        List<Integer> all =
                Stream.iterate(1, v -> v + 1).limit(WRITES_EACH + 1L).toList();
        assertEquals(AICONS, revisions.size());
        revisions.forEach((id, versions) -> assertEquals(all, versions, id));
    }
}
