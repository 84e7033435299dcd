package dev.aicon.gateway.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.RedisProcess;
import dev.aicon.gateway.support.TestCredential;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway on real PostgreSQL and Redis processes under a bounded concurrent load, while Redis is
 * stopped and restarted, PostgreSQL is stopped and restarted, and the gateway is SIGKILLed while PostgreSQL is
 * down. Afterwards every acknowledged write must be present and no client may have read an older version than
 * one it had been acknowledged.
 */
class FaultToleranceIT {

    private static final int CLIENTS = 6;

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PostgresProcess postgres;
    private RedisProcess redis;
    private volatile GatewayProcess gateway;

    @BeforeEach
    void startServices() {
        postgres = new PostgresProcess().start();
        redis = new RedisProcess().start();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (gateway != null) {
            gateway.kill();
        }
        redis.stop();
        postgres.stop();
    }

    private List<String> settings() {
        return List.of(
                "-Dquarkus.profile=prod",
                "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.username=" + PostgresServer.RUNTIME,
                "-Daicon.store.postgres.migration-username=" + PostgresServer.OWNER,
                "-Daicon.store.postgres.migration-password=" + PostgresServer.PASSWORD,
                "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD,
                "-Dquarkus.redis.hosts=" + redis.url(),
                "-Dquarkus.redis.timeout=1s",
                "-Daicon.features.cache.enabled=true",
                "-Daicon.features.gcs-offload.enabled=false",
                "-Daicon.blob.local-dir=" + work.resolve("blobs"),
                "-Daicon.blob.spool-dir=" + work.resolve("spool"),
                "-Daicon.journal.dir=" + work.resolve("journal"),
                "-Daicon.journal.replay-interval=1s",
                "-Daicon.resilience.store.timeout=1s",
                "-Daicon.resilience.store.delay=1s",
                "-Daicon.resilience.cache.timeout=300ms",
                "-Daicon.resilience.cache.delay=1s");
    }

    private GatewayProcess startGateway(int port) throws Exception {
        return GatewayProcess.start(settings(), work.resolve("gateway.log"), port)
                .awaitReady(http);
    }

    private int journalDepth() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/admin/journal"))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Fixtures.json(answer.body()).get("depth").asInt();
    }

    private void awaitJournalReplayed() throws Exception {
        try {
            await("the journal is replayed")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> journalDepth() == 0);
        } catch (ConditionTimeoutException notReplayed) {
            throw new AssertionError("the journal is replayed once PostgreSQL is back\n" + gateway.log(), notReplayed);
        }
    }

    private ObjectNode document(String id) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Fixtures.json(answer.body());
    }

    @Test
    void noAcknowledgedWriteIsLostThroughRedisPostgresAndGatewayFailures() throws Exception {
        gateway = startGateway(freePortOf());
        int port = gateway.port;
        List<LoadClient> clients = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int i = 0; i < CLIENTS; i++) {
            String id = "client-" + i;
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(gateway.uri("/v1/aicons/" + id))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(
                                    Fixtures.sdkDocument(id).toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            clients.add(new LoadClient(id, () -> URI.create("http://127.0.0.1:" + port), running));
        }
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        clients.forEach(load::submit);

        // The sleeps below are the outage timeline itself: how long the clients run against each state (all up,
        // Redis down, PostgreSQL down, gateway killed); what they prove is checked at the end, not timed.
        Thread.sleep(2000);
        redis.stop();
        Thread.sleep(3000);
        redis.start();
        Thread.sleep(3000);

        postgres.stop();
        Thread.sleep(3000);
        postgres.start();
        awaitJournalReplayed();
        Thread.sleep(2000);

        postgres.stop();
        Thread.sleep(3000);
        gateway.kill();
        postgres.start();
        gateway = startGateway(port);
        awaitJournalReplayed();
        Thread.sleep(2000);

        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        int acknowledged = 0;
        int lost = 0;
        List<String> problems = new ArrayList<>();
        for (LoadClient client : clients) {
            ObjectNode stored = document(client.id);
            long version = stored.get("version").asLong();
            acknowledged += client.acknowledgedWrites;
            for (var ack : client.acknowledged.entrySet()) {
                long value =
                        stored.at("/state_factors/" + ack.getKey() + "/value").asLong(-1);
                boolean laterInterrupted =
                        client.ambiguous.getOrDefault(ack.getKey(), List.of()).contains(value);
                if (value != ack.getValue() && !(value > ack.getValue() && laterInterrupted)) {
                    lost++;
                    problems.add(client.id + ": factor " + ack.getKey() + " holds " + value + ", acknowledged "
                            + ack.getValue());
                }
            }
            long applied = version - 1;
            if (applied < client.acknowledgedWrites || applied > client.acknowledgedWrites + client.ambiguousWrites) {
                problems.add(client.id + ": version " + version + " does not fit " + client.acknowledgedWrites
                        + " acknowledged and " + client.ambiguousWrites + " interrupted writes");
            }
            client.staleReads.forEach(stale -> problems.add(client.id + ": " + stale));
        }
        HttpResponse<String> conflicts = http.send(
                HttpRequest.newBuilder(gateway.uri("/v1/admin/journal/conflicts"))
                        .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        int reads = clients.stream().mapToInt(c -> c.reads).sum();
        int journaled = clients.stream().mapToInt(c -> c.journaledWrites).sum();
        System.out.printf(
                "acknowledged %d, lost %d (journaled %d, reads %d, interrupted writes %d, " + "replay conflicts %d)%n",
                acknowledged,
                lost,
                journaled,
                reads,
                clients.stream().mapToInt(c -> c.ambiguousWrites).sum(),
                Fixtures.json(conflicts.body()).path("items").size());
        assertTrue(acknowledged > 100, "the load must have run: " + acknowledged + " acknowledged");
        assertTrue(journaled > 0, "some writes must have been accepted into the journal while PostgreSQL was down");
        assertEquals(List.of(), problems);
        assertEquals(0, lost);
    }

    private static int freePortOf() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
