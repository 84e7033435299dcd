package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every key set in the environments' {@code k8s/overlays/<env>/gateway.properties}, and every {@code ${...}} they
 * use, exists in the gateway's mapping.
 */
class ConfigFilesTest {

    static final List<Class<?>> MAPPINGS = List.of(
            StoreConfig.class,
            DocumentConfig.class,
            ApiConfig.class,
            CacheConfig.class,
            FeaturesConfig.class,
            ResilienceConfig.class,
            JournalConfig.class,
            BlobConfig.class,
            SdkConfig.class,
            BatchConfig.class,
            HistoryConfig.class,
            EventsConfig.class,
            SecurityConfig.class);
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");

    static Set<String> mappedKeys() {
        Set<String> keys = new HashSet<>();
        for (Class<?> mapping : MAPPINGS) {
            keys.addAll(ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping))
                    .keySet());
        }
        return keys;
    }

    private static boolean known(Set<String> mapped, String key) {
        return key.startsWith("quarkus.") || key.equals("config_ordinal") || mapped.contains(key);
    }

    @Test
    void theMappingHasTheKeysTheDocsName() {
        Set<String> mapped = mappedKeys();
        for (String key : List.of(
                "aicon.store.backend",
                "aicon.store.file.dir",
                "aicon.journal.dir",
                "aicon.journal.max-bytes",
                "aicon.features.cache.enabled",
                "aicon.features.cache.rollout-percent",
                "aicon.cache.ttl",
                "aicon.features.gcs-offload.enabled",
                "aicon.blob.inline-max-bytes",
                "aicon.blob.max-bytes",
                "aicon.blob.gcs.bucket",
                "aicon.blob.gcs.host",
                "aicon.blob.gcs.project-id",
                "aicon.document.max-bytes",
                "aicon.resilience.store.timeout")) {
            assertTrue(mapped.contains(key), key + " in " + mapped);
        }
    }

    @Test
    void everyKeyAndReferenceInConfigFilesIsKnown() throws IOException {
        Set<String> mapped = mappedKeys();
        List<String> unknown = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("k8s", "overlays"))) {
            files = listing.map(overlay -> overlay.resolve("gateway.properties"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        assertEquals(3, files.size(), "dev, test and prod: " + files);
        for (Path file : files) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                if (!known(mapped, key)) {
                    unknown.add(file + ": key " + key);
                }
                Matcher reference = REFERENCE.matcher(properties.getProperty(key));
                while (reference.find()) {
                    if (!known(mapped, reference.group(1))) {
                        unknown.add(file + ": ${" + reference.group(1) + "} in " + key);
                    }
                }
            }
        }
        assertEquals(List.of(), unknown);
    }
}
