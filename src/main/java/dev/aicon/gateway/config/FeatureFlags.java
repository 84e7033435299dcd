package dev.aicon.gateway.config;

import dev.aicon.gateway.domain.Rollout;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The effective feature flags, and per AIcon whether a flag applies to it under its rollout percentage. Created at
 * start-up, so a rollout percentage outside 0-100 stops the start naming its key.
 */
@Startup
@ApplicationScoped
public class FeatureFlags {

    /** The flags this gateway has, by their names under {@code aicon.features}. */
    public enum Feature {
        cache("cache"),
        gcsOffload("gcs-offload"),
        compression("compression"),
        sse("sse");

        public final String key;

        Feature(String key) {
            this.key = key;
        }
    }

    private final FeaturesConfig config;

    FeatureFlags(FeaturesConfig config) {
        this.config = config;
        for (Feature feature : Feature.values()) {
            FeaturesConfig.Flag flag = flag(feature);
            if (flag.rolloutPercent() < 0 || flag.rolloutPercent() > 100) {
                throw new IllegalArgumentException("aicon.features." + feature.key + ".rollout-percent must be 0-100, "
                        + "not " + flag.rolloutPercent());
            }
        }
        Log.infof("feature flags: %s", effective());
    }

    /** Whether the feature is on for at least some AIcons. */
    public boolean isOn(Feature feature) {
        FeaturesConfig.Flag flag = flag(feature);
        return flag.enabled() && flag.rolloutPercent() > 0;
    }

    /** Whether the feature applies to the AIcon {@code id}. */
    public boolean isOnFor(Feature feature, String id) {
        FeaturesConfig.Flag flag = flag(feature);
        return flag.enabled() && Rollout.includes(id, flag.rolloutPercent());
    }

    /** Every flag with whether it is enabled and for what share of AIcons. */
    public Map<String, Map<String, Object>> effective() {
        Map<String, Map<String, Object>> flags = new LinkedHashMap<>();
        for (Feature feature : Feature.values()) {
            FeaturesConfig.Flag flag = flag(feature);
            flags.put(feature.key, Map.of("enabled", flag.enabled(), "rollout_percent", flag.rolloutPercent()));
        }
        return flags;
    }

    private FeaturesConfig.Flag flag(Feature feature) {
        return switch (feature) {
            case cache -> config.cache();
            case gcsOffload -> config.gcsOffload();
            case compression -> config.compression();
            case sse -> config.sse();
        };
    }
}
