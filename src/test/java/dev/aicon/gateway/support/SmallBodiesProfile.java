package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Room for one small JSON body in flight (1 MiB) with a short wait for it, and brains of at most 1 MiB stored
 * uncompressed. Brains have routes of their own that the body budget never charges, so the body budget tests and
 * the brain limit tests share one gateway start.
 */
public class SmallBodiesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aicon.document.in-flight-max-bytes",
                "1M",
                "aicon.document.in-flight-wait",
                "300ms",
                "aicon.features.compression.enabled",
                "false",
                "aicon.blob.max-bytes",
                "1M");
    }
}
