package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL store on a database of its own, reached through a {@link LatencyProxy} without delay that counts
 * database round trips ({@link CountedPostgresResource#proxy()}). Every periodic job that could talk to the database
 * runs an hour apart, and the journal is a fresh directory (no replay pending), so the count is the requests' own.
 */
public class CountedPostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.journal.replay-interval", "1h",
                "aicon.journal.dir",
                        "target/test-data/counted-journal-"
                                + ProcessHandle.current().pid(),
                "aicon.events.poll-interval", "1h",
                "aicon.events.prune-interval", "1h",
                "aicon.history.prune-interval", "1h",
                "aicon.blob.cleanup.interval", "1h",
                "aicon.audit.prune-interval", "1h",
                // The proxy's delay makes a batch of dependent statements slow; it is counted, never timed out.
                "aicon.resilience.store.timeout", "30s");
    }

    /** The same with one pooled connection, so that every request uses the connection a warm-up prepared. */
    public static class OneConnection extends CountedPostgresProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.datasource.reactive.max-size", "1");
            return overrides;
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CountedPostgresResource.class));
    }
}
