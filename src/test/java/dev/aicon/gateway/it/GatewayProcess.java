package dev.aicon.gateway.it;

import dev.aicon.gateway.support.TestCredential;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The packaged gateway run as its own process on the embedded file store, on 127.0.0.1 only. */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;
    public final int port;
    /** The management interface's port (metrics, OpenAPI), on 127.0.0.1 too. */
    public final int managementPort;

    private GatewayProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** The gateway on the embedded file store in {@code dataDir}, as README command 1 runs it. */
    public static GatewayProcess start(Path dataDir, Path log) throws IOException {
        return start(List.of("-Dquarkus.profile=dev", "-Daicon.store.file.dir=" + dataDir), log);
    }

    /** The gateway with the given {@code -D} settings, listening on a free loopback port. */
    public static GatewayProcess start(List<String> settings, Path log) throws IOException {
        return start(settings, log, freePort());
    }

    public static GatewayProcess start(List<String> settings, Path log, int port) throws IOException {
        return start(settings, Map.of(), log, port);
    }

    /** The gateway with the given {@code -D} settings and environment variables on a free loopback port. */
    public static GatewayProcess start(List<String> settings, Map<String, String> environment, Path log)
            throws IOException {
        return start(settings, environment, log, freePort());
    }

    private static GatewayProcess start(List<String> settings, Map<String, String> environment, Path log, int port)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int managementPort = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort));
        command.addAll(settings);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AICON_SECURITY_BOOTSTRAP_TOKEN", TestCredential.TOKEN);
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new GatewayProcess(process, log, port, managementPort);
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the process log. */
    public GatewayProcess awaitReady(HttpClient http) throws Exception {
        try {
            await("the gateway answers ready")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || answersReady(http));
        } catch (ConditionTimeoutException notReady) {
            throw new IllegalStateException("gateway did not become ready:\n" + Files.readString(log), notReady);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("gateway exited before it was ready:\n" + Files.readString(log));
        }
        return this;
    }

    private boolean answersReady(HttpClient http) throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(uri("/q/health/ready"))
                                            .header(TestCredential.HEADER, TestCredential.AUTHORIZATION)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code path} on the management interface ({@code /q/metrics}, {@code /q/openapi}). */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
