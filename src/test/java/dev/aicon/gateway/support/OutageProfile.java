package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * PostgreSQL and Redis that the tests stop and start, with short timeouts and breaker delays so outages are seen
 * within a second. Replay and the orphan-brain cleanup run when a test asks for them (the scheduled passes are an
 * hour apart); the cleanup takes every unreferenced brain, however young.
 */
public class OutageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("aicon.resilience.store.timeout", "1s"),
                Map.entry("aicon.resilience.store.request-volume-threshold", "4"),
                Map.entry("aicon.resilience.store.delay", "1s"),
                Map.entry("aicon.resilience.store.success-threshold", "1"),
                Map.entry("aicon.resilience.store.read-retries", "0"),
                Map.entry("aicon.resilience.cache.timeout", "300ms"),
                Map.entry("aicon.resilience.cache.request-volume-threshold", "4"),
                Map.entry("aicon.resilience.cache.delay", "1s"),
                Map.entry("aicon.resilience.cache.success-threshold", "1"),
                Map.entry("aicon.resilience.cache.read-retries", "0"),
                Map.entry("quarkus.redis.timeout", "1s"),
                Map.entry("quarkus.datasource.reactive.idle-timeout", "1s"),
                Map.entry("aicon.journal.replay-interval", "1h"),
                Map.entry(
                        "aicon.journal.dir",
                        "target/test-data/outage-journal-"
                                + ProcessHandle.current().pid()),
                Map.entry(
                        "aicon.blob.local-dir",
                        "target/test-data/outage-blobs-"
                                + ProcessHandle.current().pid()),
                Map.entry("aicon.blob.cleanup.grace", "0s"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FaultServices.class));
    }
}
