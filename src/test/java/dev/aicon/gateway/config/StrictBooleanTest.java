package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithConverter;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code aicon.*} boolean is {@code true} or {@code false}; anything else fails naming the key. */
class StrictBooleanTest {

    private static final Map<String, String> FLAGS = Map.of(
            "aicon.features.cache.enabled",
            "false",
            "aicon.features.gcs-offload.enabled",
            "false",
            "aicon.features.compression.enabled",
            "false",
            "aicon.features.sse.enabled",
            "false");

    private static SmallRyeConfig configWith(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withMapping(FeaturesConfig.class)
                .withMapping(HistoryConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(FLAGS, "defaults", 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }

    @Test
    void aBooleanFromTheEnvironmentIsTrueOrFalseInAnyCase() {
        SmallRyeConfig config =
                configWith(Map.of("AICON_FEATURES_CACHE_ENABLED", "TRUE", "AICON_HISTORY_ENABLED", "False"));
        assertTrue(config.getConfigMapping(FeaturesConfig.class).cache().enabled());
        assertFalse(config.getConfigMapping(HistoryConfig.class).enabled());
    }

    @Test
    void anythingElseFailsNamingTheKeyAndTheValue() {
        for (String wrong : List.of("maybe", "yes", "1", "on", "flase")) {
            RuntimeException failure = assertThrows(
                    RuntimeException.class, () -> configWith(Map.of("AICON_FEATURES_CACHE_ENABLED", wrong)), wrong);
            assertTrue(failure.getMessage().contains("aicon.features.cache.enabled"), failure.getMessage());
            assertTrue(failure.getMessage().contains("\"" + wrong + "\""), failure.getMessage());
        }
    }

    @Test
    void everyBooleanOfEveryMappingIsReadStrictly() {
        List<String> booleans = new ArrayList<>();
        List<String> lenient = new ArrayList<>();
        for (Class<?> mapping : ConfigFilesTest.MAPPINGS) {
            collect(mapping, booleans, lenient);
        }
        assertTrue(booleans.size() >= 2, "the flags' and history's switches: " + booleans);
        assertEquals(List.of(), lenient, "booleans without @WithConverter(StrictBoolean.class)");
    }

    private static void collect(Class<?> group, List<String> booleans, List<String> lenient) {
        for (Method method : group.getMethods()) {
            Type type = method.getGenericReturnType();
            Class<?> raw = method.getReturnType();
            if (type instanceof ParameterizedType generic) {
                Type[] arguments = generic.getActualTypeArguments();
                type = arguments[arguments.length - 1];
                raw = type instanceof Class<?> argument ? argument : Object.class;
            }
            String name = group.getSimpleName() + "." + method.getName();
            if (raw == boolean.class || raw == Boolean.class) {
                booleans.add(name);
                WithConverter converter = method.getAnnotation(WithConverter.class);
                if (converter == null || converter.value() != StrictBoolean.class) {
                    lenient.add(name);
                }
            } else if (raw.isInterface() && raw.getPackageName().equals(group.getPackageName())) {
                collect(raw, booleans, lenient);
            }
        }
    }
}
