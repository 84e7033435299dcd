package dev.aicon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.support.FakeGcs;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway with each environment's {@code config/<env>.properties}: the effective flags at
 * {@code /v1/admin/features} are the ones README.md's flag table promises, and a wrong key or value stops the start.
 */
class ProfilesIT {

    private static PostgresProcess postgres;
    private static RedisProcess redis;
    private static FakeGcs gcs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @BeforeAll
    static void services() {
        postgres = new PostgresProcess().start();
        redis = new RedisProcess().start();
        gcs = new FakeGcs().start();
    }

    @AfterAll
    static void stop() {
        gcs.close();
        redis.stop();
        postgres.stop();
    }

    private List<String> settingsFor(String environment) {
        List<String> settings = new ArrayList<>(List.of(
                "-Dquarkus.profile=" + (environment.equals("dev") ? "dev" : "prod"),
                "-Dquarkus.config.locations=config/" + environment + ".properties",
                "-Daicon.store.file.dir=" + work.resolve("data")));
        if (!environment.equals("dev")) {
            settings.addAll(List.of("-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                    "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                    "-Dquarkus.datasource.username=" + PostgresServer.USER,
                    "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD,
                    "-Dquarkus.redis.hosts=" + redis.url(), "-Daicon.blob.gcs.host=" + gcs.host(),
                    "-Daicon.blob.gcs.bucket=brains", "-Daicon.blob.gcs.project-id=test"));
        }
        return settings;
    }

    @ParameterizedTest
    @CsvSource({
        // environment, cache, cache %, gcs-offload, gcs %, compression, compression %, store, cache state
        "dev,  false, 100, false, 100, true, 100, file,     OFF",
        "test, true,  100, true,   50, true, 100, postgres, UP",
        "prod, true,  100, true,  100, true, 100, postgres, UP"
    })
    void eachEnvironmentRunsWithTheFlagsTheDocsList(String environment, boolean cache, int cachePercent,
            boolean gcsOffload, int gcsPercent, boolean compression, int compressionPercent, String store,
            String cacheState) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(settingsFor(environment), work.resolve("gateway.log"))
                .awaitReady(http)) {
            JsonNode flags = Fixtures.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                    gateway.uri("/v1/admin/features")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(cache, flags.at("/cache/enabled").asBoolean(), environment + " " + flags);
            assertEquals(cachePercent, flags.at("/cache/rollout_percent").asInt());
            assertEquals(gcsOffload, flags.at("/gcs-offload/enabled").asBoolean(), environment + " " + flags);
            assertEquals(gcsPercent, flags.at("/gcs-offload/rollout_percent").asInt());
            assertEquals(compression, flags.at("/compression/enabled").asBoolean());
            assertEquals(compressionPercent, flags.at("/compression/rollout_percent").asInt());
            JsonNode ready = Fixtures.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                    gateway.uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode details = ready.at("/checks/0/data");
            assertEquals(store, details.get("store_backend").asText(), ready.toString());
            assertEquals(cacheState, details.get("cache").asText(), ready.toString());
            assertEquals(gcsOffload ? "gcs" : "local", details.get("brain_large_tier").asText());
        }
    }

    @Test
    void aMisspeltKeyOrAWrongValueStopsTheStartNamingTheKey() throws Exception {
        for (String wrong : List.of("-Daicon.featurs.cache.enabled=true", "-Daicon.features.cache.rollout-percent=150",
                "-Daicon.store.backend=mysql")) {
            List<String> settings = new ArrayList<>(settingsFor("dev"));
            settings.add(wrong);
            Path log = work.resolve("wrong-" + Math.abs(wrong.hashCode()) + ".log");
            try (GatewayProcess gateway = GatewayProcess.start(settings, log)) {
                assertTrue(gateway.process().waitFor(60, TimeUnit.SECONDS), wrong + " must stop the start");
                assertNotEquals(0, gateway.process().exitValue());
                String key = wrong.substring(2, wrong.indexOf('='));
                assertTrue(gateway.log().contains(key), key + " is named in\n" + gateway.log());
            }
        }
    }
}
