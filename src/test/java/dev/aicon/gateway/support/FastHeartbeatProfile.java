package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The embedded file store with SSE heartbeats every 300 ms, so a test sees them quickly, and a reconnect delay that
 * is not the 1 s default, so a test of the {@code retry:} field sees the configured value and not a constant.
 */
public class FastHeartbeatProfile implements QuarkusTestProfile {

    public static final long RECONNECT_DELAY_MILLIS = 1700;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.events.heartbeat", "300ms",
                "aicon.events.reconnect-delay", RECONNECT_DELAY_MILLIS + "ms");
    }
}
