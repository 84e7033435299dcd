package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The memory store with an in-memory outbox of 5 events, so a burst of writes outruns delivery. */
public class TinyOutboxProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.store.backend",
                "memory",
                "aicon.events.memory-max-events",
                "5",
                "aicon.history.enabled",
                "false");
    }
}
