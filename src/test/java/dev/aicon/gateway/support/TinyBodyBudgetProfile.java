package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Room for one small body in flight, and a short wait for it. */
public class TinyBodyBudgetProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.document.in-flight-max-bytes", "1M", "aicon.document.in-flight-wait", "300ms");
    }
}
