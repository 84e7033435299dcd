package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * Runs a Quarkus test against the PostgreSQL store, with a 1 s outbox gap timeout (instead of 5 s) so that
 * {@code OutboxGapTest} sees a rolled-back id given up quickly; no other test on this profile streams events.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aicon.events.gap-timeout", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }
}
