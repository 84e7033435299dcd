package dev.aicon.gateway.security;

import dev.aicon.gateway.it.GatewayProcess;
import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway's start-up rules: {@code %prod} needs credentials (401 without, 200 with the bootstrap
 * token); security off on a non-loopback address, a bad {@code aicon.security.enabled} and a short bootstrap token
 * stop the start naming the key; {@code %dev} runs with an anonymous operator and says so.
 */
class SecurityStartupIT {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    /** {@code %prod} on the file store, without Redis or GCS. */
    private List<String> prod(String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "-Dquarkus.profile=prod",
                "-Daicon.store.backend=file",
                "-Daicon.features.cache.enabled=false",
                "-Daicon.features.gcs-offload.enabled=false",
                "-Daicon.store.file.dir=" + work.resolve("data")));
        settings.addAll(List.of(more));
        return settings;
    }

    @Test
    void prodNeedsACredential() throws Exception {
        try (GatewayProcess gateway =
                GatewayProcess.start(prod(), work.resolve("prod.log")).awaitReady(http)) {
            assertEquals(401, status(gateway, "/v1/admin/features", null));
            assertEquals(401, status(gateway, "/q/metrics", null));
            assertEquals(200, status(gateway, "/v1/admin/features", TestCredential.AUTHORIZATION));
            assertEquals(200, status(gateway, "/q/health/ready", null));
            assertTrue(gateway.log().contains("security on"), gateway.log());
            assertTrue(!gateway.log().contains(TestCredential.TOKEN), "the token is never logged");
        }
    }

    @Test
    void devRunsWithAnAnonymousOperatorAndWarns() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(
                        List.of("-Dquarkus.profile=dev", "-Daicon.store.file.dir=" + work.resolve("dev")),
                        work.resolve("dev.log"))
                .awaitReady(http)) {
            assertEquals(200, status(gateway, "/v1/admin/features", null));
            assertTrue(gateway.log().contains("SECURITY IS OFF"), gateway.log());
        }
    }

    @Test
    void securityOffOnANonLoopbackAddressStopsTheStart() throws Exception {
        assertTheStartStops(
                prod("-Dquarkus.http.host=0.0.0.0", "-Daicon.security.enabled=false"),
                Map.of(),
                "aicon.security.allow-insecure");
    }

    @Test
    void aBadFlagOrAShortBootstrapTokenStopsTheStart() throws Exception {
        assertTheStartStops(prod(), Map.of("AICON_SECURITY_ENABLED", "maybe"), "aicon.security.enabled", "\"maybe\"");
        assertTheStartStops(
                prod(), Map.of("AICON_SECURITY_BOOTSTRAP_TOKEN", "short-token"), "aicon.security.bootstrap-token");
        assertTheStartStops(
                prod("-Daicon.security.jwt.jwks-location=" + work.resolve("jwks.json")),
                Map.of(),
                "aicon.security.jwt.issuer");
    }

    private void assertTheStartStops(List<String> settings, Map<String, String> environment, String... named)
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

    private int status(GatewayProcess gateway, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path));
        if (authorization != null) {
            request.header(TestCredential.HEADER, authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
