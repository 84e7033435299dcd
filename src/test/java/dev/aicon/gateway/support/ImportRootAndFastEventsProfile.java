package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded file store with directory imports of SDK files allowed under {@link #ROOT}, SSE heartbeats every
 * 300 ms (so a test sees them quickly) and a reconnect delay that is not the 1 s default (so a test of the
 * {@code retry:} field sees the configured value, not a constant). The SDK file tests never stream events and the
 * event tests never import, so one gateway start serves both.
 */
public class ImportRootAndFastEventsProfile implements QuarkusTestProfile {

    /** The import root, a directory of its own under the test data. */
    public static final Path ROOT = Path.of("target/test-data/sdk-import-root").toAbsolutePath();

    public static final long RECONNECT_DELAY_MILLIS = 1700;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "aicon.sdk.import-root",
                ROOT.toString(),
                "aicon.events.heartbeat",
                "300ms",
                "aicon.events.reconnect-delay",
                RECONNECT_DELAY_MILLIS + "ms");
    }
}
