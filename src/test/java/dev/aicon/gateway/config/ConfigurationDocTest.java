package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md and the gateway's {@code @ConfigMapping} interfaces name the same {@code aicon.*} keys. The
 * keys are derived from every mapping interface under src/main/java through SmallRye Config's own naming (method
 * names in kebab case, nested groups, {@code Optional} leaves; a map's key segment is {@code *}, written
 * {@code <name>} in the docs, and a list of groups is {@code [*]}). Every mapped key must be a row of the reference
 * table, showing the default the gateway starts with (application.properties, else the mapping's
 * {@code @WithDefault}); every {@code aicon.*} key in the table's first column must be mapped; and every
 * {@code aicon.*} key the README or any page of docs/ names must exist.
 */
class ConfigurationDocTest {

    private static final Path REFERENCE = Path.of("docs", "configuration.md");
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Path BASE_PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final Pattern BACKTICKED_KEY = Pattern.compile("`(aicon\\.[a-z0-9.*<>\\[\\]_-]+(=[^`\\s]*)?)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>.]+>");
    /** Keys the docs name on purpose as examples of wrong configuration that stops the start. */
    private static final Set<String> WRONG_ON_PURPOSE = Set.of("aicon.store.bogus", "aicon.featurs.cache.enabled");

    @Test
    void theMappingsAreFoundWhereverTheyLive() throws IOException {
        List<Class<?>> found = mappingInterfaces();
        assertTrue(found.containsAll(ConfigFilesTest.MAPPINGS), "found " + found);
        assertTrue(mappedProperties().containsKey("aicon.blob.gcs.bucket"), "an Optional leaf of a nested group");
    }

    @Test
    void everyMappedKeyIsARowOfTheReferenceTable() throws IOException {
        Map<String, String> rows = referenceRows();
        List<String> missing = mappedProperties().keySet().stream()
                .filter(key -> !rows.containsKey(key))
                .toList();
        assertEquals(List.of(), missing, "keys the mappings read but " + REFERENCE + " does not document in its table");
    }

    @Test
    void everyKeyOfTheReferenceTableIsMapped() throws IOException {
        Set<String> mapped = mappedProperties().keySet();
        List<String> unknown = referenceRows().keySet().stream()
                .filter(key -> !mapped.contains(key))
                .toList();
        assertEquals(List.of(), unknown, "keys " + REFERENCE + " documents that no @ConfigMapping reads");
    }

    @Test
    void everyRowShowsTheDefaultTheGatewayStartsWith() throws IOException {
        Map<String, String> rows = referenceRows();
        Properties base = baseProperties();
        List<String> wrong = new ArrayList<>();
        mappedProperties()
                .forEach((key, property) -> defaultOf(key, property, base)
                        .filter(value -> rows.containsKey(key) && !value.contains("${"))
                        .filter(value -> !rows.get(key).contains("`" + value + "`"))
                        .ifPresent(value ->
                                wrong.add(key + " starts as `" + value + "`, the row says: " + rows.get(key))));
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyKeyTheDocsNameExists() throws IOException {
        Set<String> mapped = mappedProperties().keySet();
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> unknown = new ArrayList<>();
        for (Path page : pages) {
            Matcher key = BACKTICKED_KEY.matcher(Files.readString(page));
            while (key.find()) {
                if (!namesMappedKeys(key.group(1), mapped)) {
                    unknown.add(page + ": " + key.group(1));
                }
            }
        }
        assertEquals(List.of(), unknown, "aicon.* keys named in the docs that no @ConfigMapping reads");
    }

    /** Every mapped key with its property, from every {@code @ConfigMapping} interface of the gateway's sources. */
    static Map<String, Property> mappedProperties() throws IOException {
        Map<String, Property> keys = new TreeMap<>();
        for (Class<?> mapping : mappingInterfaces()) {
            keys.putAll(ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping)));
        }
        return keys;
    }

    /** The top-level interfaces annotated {@code @ConfigMapping} in src/main/java, whatever their package. */
    static List<Class<?>> mappingInterfaces() throws IOException {
        List<Class<?>> mappings = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(path -> path.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
        for (Path source : sources) {
            if (Files.readString(source).contains("@ConfigMapping")) {
                Class<?> type = load(source);
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    mappings.add(type);
                }
            }
        }
        return mappings;
    }

    private static Class<?> load(Path source) {
        String relative = MAIN_SOURCES.relativize(source).toString();
        String separator = source.getFileSystem().getSeparator();
        String name =
                relative.substring(0, relative.length() - ".java".length()).replace(separator, ".");
        try {
            return Class.forName(name, false, ConfigurationDocTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(source + " is not compiled as " + name, e);
        }
    }

    /**
     * The rows of the reference tables by {@code aicon.*} key: each key in backticks in a row's first cell (one row may
     * document several, {@code a} / {@code b}), mapped to the whole row. A {@code <name>} segment stands for a map key.
     */
    private static Map<String, String> referenceRows() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher key = BACKTICKED_KEY.matcher(firstCell);
            while (key.find()) {
                rows.put(PLACEHOLDER.matcher(key.group(1)).replaceAll("*"), line);
            }
        }
        return rows;
    }

    /** What the gateway starts with when nothing sets {@code key}: application.properties, else the mapping's. */
    private static Optional<String> defaultOf(String key, Property property, Properties base) {
        if (base.getProperty(key) != null) {
            return Optional.of(base.getProperty(key));
        }
        return property.hasDefaultValue() ? Optional.of(property.getDefaultValue()) : Optional.empty();
    }

    private static Properties baseProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BASE_PROPERTIES)) {
            properties.load(reader);
        }
        return properties;
    }

    /**
     * Whether a key named in the docs exists: a mapped key (maybe with {@code =value}), a group of them
     * ({@code aicon.blob.gcs}, {@code aicon.resilience.*}, {@code aicon.features.<flag>}), or a wrong key on purpose.
     */
    private static boolean namesMappedKeys(String named, Set<String> mapped) {
        if (WRONG_ON_PURPOSE.contains(named)) {
            return true;
        }
        String key = named.contains("=") ? named.substring(0, named.indexOf('=')) : named;
        String pattern = Pattern.quote(key).replace("*", "\\E[^.]*\\Q");
        Pattern matches = Pattern.compile(PLACEHOLDER.matcher(pattern).replaceAll("\\\\E[^.]+\\\\Q") + "(\\..+)?");
        return mapped.stream().anyMatch(candidate -> matches.matcher(candidate).matches());
    }
}
