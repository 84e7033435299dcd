package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The memory store (tenants, keys and audit in process maps too) with the default event and stream bounds. */
public class MemoryStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.store.backend", "memory");
    }
}
