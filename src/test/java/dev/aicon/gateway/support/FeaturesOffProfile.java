package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The embedded file store with SSE and history switched off. */
public class FeaturesOffProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.features.sse.enabled", "false", "aicon.history.enabled", "false");
    }
}
