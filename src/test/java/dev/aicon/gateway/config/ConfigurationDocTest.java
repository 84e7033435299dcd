package dev.aicon.gateway.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** README.md documents every configuration key the gateway reads. */
class ReadmeKeysTest {

    @Test
    void everyMappedKeyIsInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> keys = ConfigFilesTest.mappedKeys();
        List<String> missing = keys.stream().sorted().filter(key -> !readme.contains("`" + key + "`")).toList();
        assertEquals(List.of(), missing);
    }
}
