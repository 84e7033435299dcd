package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The file store in directories of its own with 2 MiB disk quotas for local blobs and for the spool, and orphans
 * deleted as soon as the cleanup runs.
 */
public class BrainQuotaProfile implements QuarkusTestProfile {

    public static final String DIR =
            "target/test-data/quota-" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.store.file.dir",
                DIR + "/store",
                "aicon.blob.local-dir",
                DIR + "/blobs",
                "aicon.blob.spool-dir",
                DIR + "/spool",
                "aicon.blob.local-max-bytes",
                "2M",
                "aicon.blob.spool-max-bytes",
                "2M",
                "aicon.blob.cleanup.grace",
                "0s");
    }
}
