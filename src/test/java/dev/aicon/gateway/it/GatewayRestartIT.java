package dev.aicon.gateway.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import dev.aicon.gateway.support.TestCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged gateway on its embedded default: what it acknowledged survives a SIGKILL and a restart. */
class GatewayRestartIT {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void anAcknowledgedAIconSurvivesAKillAndRestartWithUnknownFields() throws Exception {
        Path data = work.resolve("data");
        ObjectNode sent = Fixtures.sdkDocument("survivor");
        try (GatewayProcess first =
                GatewayProcess.start(data, work.resolve("first.log")).awaitReady(http)) {
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(first.uri("/v1/aicons/survivor"))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(sent.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
            first.kill();
        }
        try (GatewayProcess second =
                GatewayProcess.start(data, work.resolve("second.log")).awaitReady(http)) {
            HttpResponse<String> get = http.send(
                    HttpRequest.newBuilder(second.uri("/v1/aicons/survivor"))
                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("\"1\"", get.headers().firstValue("ETag").orElse(""));
            ObjectNode stored = Fixtures.json(get.body());
            stored.remove("version");
            stored.remove("updated_at");
            assertEquals(sent, stored);
        }
    }

    @Test
    void aSecondGatewayOnTheSameStoreRefusesToStart() throws Exception {
        Path data = work.resolve("shared");
        try (GatewayProcess first =
                        GatewayProcess.start(data, work.resolve("owner.log")).awaitReady(http);
                GatewayProcess second = GatewayProcess.start(data, work.resolve("intruder.log"))) {
            assertTrue(second.process().waitFor(60, TimeUnit.SECONDS), "the second gateway must exit");
            assertNotEquals(0, second.process().exitValue());
            assertTrue(second.log().contains("locked by another gateway process"), second.log());
            assertFalse(first.log().contains("ERROR"), first.log());
        }
    }
}
