package dev.aicon.gateway.events;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The memory store (gap-free event ids, an outbox that keeps every event the tests write) with small SSE bounds: three
 * streams per gateway, two per client address, {@code Retry-After: 7} past a cap, and replay pages of 50 events.
 */
public class BoundedStreamsProfile implements QuarkusTestProfile {

    static final int MAX_STREAMS = 3;
    static final int MAX_PER_CLIENT = 2;
    static final int RETRY_AFTER_SECONDS = 7;
    static final int PAGE = 50;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.store.backend",
                "memory",
                "aicon.history.enabled",
                "false",
                "aicon.events.memory-max-events",
                "1000000",
                "aicon.events.max-streams",
                Integer.toString(MAX_STREAMS),
                "aicon.events.max-streams-per-client",
                Integer.toString(MAX_PER_CLIENT),
                "aicon.events.streams-retry-after",
                RETRY_AFTER_SECONDS + "s",
                "aicon.events.replay-page-size",
                Integer.toString(PAGE));
    }
}
