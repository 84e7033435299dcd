package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The file store with compression switched off and a 1 MiB brain cap. */
public class SmallBrainProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.features.compression.enabled", "false", "aicon.blob.max-bytes", "1M");
    }
}
