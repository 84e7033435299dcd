package dev.aicon.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts the GCS fake and turns offload on against it: brains over 64 KiB go to bucket {@code brains}. */
public class GcsResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "brains";
    private static FakeGcs fake;

    public static FakeGcs fake() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = new FakeGcs().start();
        return Map.of(
                "aicon.features.gcs-offload.enabled", "true",
                "aicon.blob.gcs.host", fake.host(),
                "aicon.blob.gcs.bucket", BUCKET,
                "aicon.blob.gcs.project-id", "test",
                "aicon.blob.inline-max-bytes", "64K",
                "aicon.blob.gcs.upload-chunk-size", "1M");
    }

    @Override
    public void stop() {
        fake.close();
    }
}
