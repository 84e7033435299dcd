package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The memory store (fast writes, gap-free event ids) and a 64 KiB SSE client buffer, to cut off a slow client; the
 * in-memory outbox holds every event the test writes, so none is dropped before delivery.
 */
public class SlowClientProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.store.backend",
                "memory",
                "aicon.events.client-buffer-bytes",
                "64K",
                "aicon.history.enabled",
                "false",
                "aicon.events.memory-max-events",
                "1000000");
    }
}
