package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The embedded file store with SSE heartbeats every 300 ms, so a test sees them quickly. */
public class FastHeartbeatProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.events.heartbeat", "300ms");
    }
}
