package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The embedded file store keeping 3 versions per AIcon and 2 s of outbox events, both pruned every second. */
public class ShortRetentionProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.history.keep-last",
                "3",
                "aicon.history.prune-interval",
                "1s",
                "aicon.events.retention",
                "2s",
                "aicon.events.prune-interval",
                "1s");
    }
}
