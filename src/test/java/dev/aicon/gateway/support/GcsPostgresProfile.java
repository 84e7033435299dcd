package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** PostgreSQL store, brains inline in PostgreSQL up to 64 KiB and in the GCS fake above, gzip-compressed. */
public class GcsPostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.blob.compression.codec",
                "gzip",
                "aicon.blob.compression.level",
                "6",
                "aicon.blob.cleanup.grace",
                "0s",
                "aicon.resilience.gcs.request-volume-threshold",
                "2",
                "aicon.resilience.gcs.delay",
                "500ms",
                "aicon.resilience.gcs.success-threshold",
                "1",
                "aicon.blob.spool-dir",
                "target/test-data/gcs-spool-" + ProcessHandle.current().pid());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(GcsResource.class));
    }
}
