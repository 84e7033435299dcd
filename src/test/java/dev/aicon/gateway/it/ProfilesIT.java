package dev.aicon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.support.FakeGcs;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.PostgresProcess;
import dev.aicon.gateway.support.PostgresServer;
import dev.aicon.gateway.support.RedisProcess;
import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway with each environment's {@code k8s/overlays/<env>/gateway.properties}: the effective flags at
 * {@code /v1/admin/features} are the ones docs/configuration.md's flag table promises, and a wrong key or value (a
 * boolean other
 * than true or false, GCS offload without a bucket) stops the start naming the key.
 */
class ProfilesIT {

    private static PostgresProcess postgres;
    private static RedisProcess redis;
    private static FakeGcs gcs;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
                "-Dquarkus.config.locations=k8s/overlays/" + environment + "/gateway.properties",
                "-Daicon.store.file.dir=" + work.resolve("data")));
        if (!environment.equals("dev")) {
            settings.addAll(List.of(
                    "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                    "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                    "-Dquarkus.datasource.username=" + PostgresServer.RUNTIME,
                    "-Daicon.store.postgres.migration-username=" + PostgresServer.OWNER,
                    "-Daicon.store.postgres.migration-password=" + PostgresServer.PASSWORD,
                    "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD,
                    "-Dquarkus.redis.hosts=" + redis.url(),
                    "-Daicon.blob.gcs.host=" + gcs.host(),
                    "-Daicon.blob.gcs.bucket=brains",
                    "-Daicon.blob.gcs.project-id=test"));
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
    void eachEnvironmentRunsWithTheFlagsTheDocsList(
            String environment,
            boolean cache,
            int cachePercent,
            boolean gcsOffload,
            int gcsPercent,
            boolean compression,
            int compressionPercent,
            String store,
            String cacheState)
            throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(settingsFor(environment), work.resolve("gateway.log"))
                .awaitReady(http)) {
            JsonNode flags = Fixtures.MAPPER.readTree(http.send(
                            HttpRequest.newBuilder(gateway.uri("/v1/admin/features"))
                                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertEquals(cache, flags.at("/cache/enabled").asBoolean(), environment + " " + flags);
            assertEquals(cachePercent, flags.at("/cache/rollout_percent").asInt());
            assertEquals(gcsOffload, flags.at("/gcs-offload/enabled").asBoolean(), environment + " " + flags);
            assertEquals(gcsPercent, flags.at("/gcs-offload/rollout_percent").asInt());
            assertEquals(compression, flags.at("/compression/enabled").asBoolean());
            assertEquals(
                    compressionPercent, flags.at("/compression/rollout_percent").asInt());
            JsonNode ready = Fixtures.MAPPER.readTree(http.send(
                            HttpRequest.newBuilder(gateway.uri("/q/health/ready"))
                                    .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            JsonNode details = ready.at("/checks/0/data");
            assertEquals(store, details.get("store_backend").asText(), ready.toString());
            assertEquals(cacheState, details.get("cache").asText(), ready.toString());
            assertEquals(
                    gcsOffload ? "gcs" : "local",
                    details.get("brain_large_tier").asText());
            assertTrue(gateway.log().contains("brains: inline up to 1 MiB (1048576 bytes)"), gateway.log());
        }
    }

    /**
     * The packaged gateway serves metrics and the OpenAPI document on its management interface only; the API port
     * answers neither (whatever the reason: no route there, or no credential), and health stays on the API port for
     * the kubelet.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void metricsAndOpenApiAreOnTheManagementPortNotTheApiPort(String environment) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(settingsFor(environment), work.resolve("gateway.log"))
                .awaitReady(http)) {
            assertNotEquals(gateway.port, gateway.managementPort);
            HttpResponse<String> metrics = get(gateway.managementUri("/q/metrics"));
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertTrue(metrics.body().contains("# TYPE aicon_"), metrics.body());
            HttpResponse<String> openapi = get(gateway.managementUri("/q/openapi"));
            assertEquals(200, openapi.statusCode(), openapi.body());
            assertTrue(openapi.body().contains("/v1/aicons"), openapi.body());
            for (String path : List.of("/q/metrics", "/q/openapi")) {
                HttpResponse<String> onApi = get(gateway.uri(path));
                assertNotEquals(200, onApi.statusCode(), path + " on the API port: " + onApi.body());
                assertFalse(onApi.body().contains("# TYPE"), onApi.body());
                assertFalse(onApi.body().contains("openapi:"), onApi.body());
            }
            assertEquals(200, get(gateway.uri("/q/health/live")).statusCode(), "health stays on the API port");
            assertNotEquals(200, get(gateway.managementUri("/q/health/live")).statusCode());
        }
    }

    private HttpResponse<String> get(java.net.URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMisspeltKeyOrAWrongValueStopsTheStartNamingTheKey() throws Exception {
        for (String wrong : List.of(
                "-Daicon.featurs.cache.enabled=true",
                "-Daicon.features.cache.rollout-percent=150",
                "-Daicon.store.backend=mysql")) {
            List<String> settings = new ArrayList<>(settingsFor("dev"));
            settings.add(wrong);
            assertTheStartStopsNaming(settings, Map.of(), wrong.substring(2, wrong.indexOf('=')));
        }
    }

    @Test
    void aBooleanInTheEnvironmentThatIsNeitherTrueNorFalseStopsTheStart() throws Exception {
        assertTheStartStopsNaming(
                settingsFor("dev"),
                Map.of("AICON_FEATURES_CACHE_ENABLED", "maybe"),
                "aicon.features.cache.enabled",
                "\"maybe\"");
        assertTheStartStopsNaming(
                settingsFor("dev"), Map.of("AICON_HISTORY_ENABLED", "yes"), "aicon.history.enabled", "\"yes\"");
    }

    @Test
    void gcsOffloadWithoutABucketStopsTheStartNamingTheBucketKey() throws Exception {
        List<String> settings = new ArrayList<>(settingsFor("dev"));
        settings.add("-Daicon.features.gcs-offload.enabled=true");
        assertTheStartStopsNaming(settings, Map.of(), "aicon.blob.gcs.bucket");
    }

    private void assertTheStartStopsNaming(List<String> settings, Map<String, String> environment, String... named)
            throws Exception {
        Path log = work.resolve("refused-" + Math.abs((settings + "" + environment).hashCode()) + ".log");
        try (GatewayProcess gateway = GatewayProcess.start(settings, environment, log)) {
            String what = settings + " " + environment;
            assertTrue(gateway.process().waitFor(60, TimeUnit.SECONDS), what + " must stop the start");
            assertNotEquals(0, gateway.process().exitValue(), what);
            for (String text : named) {
                assertTrue(gateway.log().contains(text), text + " is named in\n" + gateway.log());
            }
        }
    }
}
