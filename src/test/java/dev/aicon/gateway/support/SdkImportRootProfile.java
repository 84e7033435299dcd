package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The file store with directory imports of SDK files allowed under {@link #ROOT}. */
public class SdkImportRootProfile implements QuarkusTestProfile {

    /** The import root, a directory of its own under the test data. */
    public static final Path ROOT = Path.of("target/test-data/sdk-import-root").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("aicon.sdk.import-root", ROOT.toString());
    }
}
