package dev.aicon.gateway.api;

import dev.aicon.gateway.config.FeatureFlags;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code GET /v1/admin/features}: the effective feature flags, each with its rollout percentage. */
@Path("/v1/admin/features")
@Produces(MediaType.APPLICATION_JSON)
public class FeaturesResource {

    private final FeatureFlags flags;

    FeaturesResource(FeatureFlags flags) {
        this.flags = flags;
    }

    @GET
    public Map<String, Map<String, Object>> features() {
        return flags.effective();
    }
}
