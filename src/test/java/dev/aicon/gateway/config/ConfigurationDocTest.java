package dev.aicon.gateway.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/configuration.md documents every configuration key the gateway reads. */
class ConfigurationDocTest {

    @Test
    void everyMappedKeyIsInTheConfigurationReference() throws IOException {
        String reference = Files.readString(Path.of("docs/configuration.md"));
        Set<String> keys = ConfigFilesTest.mappedKeys();
        List<String> missing = keys.stream().sorted().filter(key -> !reference.contains("`" + key + "`")).toList();
        assertEquals(List.of(), missing);
    }
}
