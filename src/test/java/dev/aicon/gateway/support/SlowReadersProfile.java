package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The file store in directories of its own, a 300 MiB spool quota (room for one 256 MiB upload, not for two copies
 * of it), a 512 MiB brain cap and at most four brain reads sent at once.
 */
public class SlowReadersProfile implements QuarkusTestProfile {

    public static final String DIR =
            "target/test-data/slow-readers-" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.store.file.dir",
                DIR + "/store",
                "aicon.blob.local-dir",
                DIR + "/blobs",
                "aicon.blob.spool-dir",
                DIR + "/spool",
                "aicon.blob.spool-max-bytes",
                "300M",
                "aicon.blob.max-bytes",
                "512M",
                "aicon.blob.max-concurrent-reads",
                "4");
    }
}
