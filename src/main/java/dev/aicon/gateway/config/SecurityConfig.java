package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code aicon.security.*}: who may call the gateway (docs/security.md). Credentials are {@code Authorization: Bearer}
 * tokens: a bootstrap token (an {@code operator} of tenant {@code default}), a gateway-issued API key, or a JWT
 * verified against a JWKS.
 */
@ConfigMapping(prefix = "aicon.security")
public interface SecurityConfig {

    /** Authentication and authorization; off only in {@code %dev}, where every caller is the operator of default. */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean enabled();

    /** Lets the gateway start with security off on an address other than loopback. */
    @WithConverter(StrictBoolean.class)
    @WithDefault("false")
    boolean allowInsecure();

    /** The bootstrap operator credential (env {@code AICON_SECURITY_BOOTSTRAP_TOKEN}); unset: none. */
    Optional<String> bootstrapToken();

    /** A second bootstrap token accepted at the same time, for a rotation without restart of clients. */
    Optional<String> bootstrapTokenNext();

    /** How long an API key lookup (found or not) is reused: a revoked key is refused within this. */
    @WithDefault("2s")
    Duration apiKeyCacheTtl();

    /** Most API key lookups kept. */
    @WithDefault("10000")
    long apiKeyCacheSize();

    /** Origins (scheme://host[:port], comma-separated) whose state-changing requests are accepted; others get 403. */
    Optional<String> allowedOrigins();

    /** Host names (comma-separated) accepted besides loopback ones while listening on loopback; others get 421. */
    Optional<String> allowedHosts();

    Jwt jwt();

    /** The items of a comma-separated setting, trimmed, without empty ones. */
    static List<String> items(Optional<String> setting) {
        return setting.map(value -> java.util.Arrays.stream(value.split(",", -1))
                        .map(String::strip)
                        .filter(item -> !item.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** JWT bearer tokens; on when {@code jwks-location} is set. */
    interface Jwt {

        /** Where the verification keys are: a JWKS file or URL (e.g. the Kubernetes API server's JWKS). */
        Optional<String> jwksLocation();

        /** The required {@code iss}. */
        Optional<String> issuer();

        /** The accepted {@code aud} values, comma-separated (one must be in the token). */
        Optional<String> audience();

        /** The claim naming the tenant; {@code a/b} reads claim {@code b} inside object claim {@code a}. */
        @WithDefault("tenant")
        String tenantClaim();

        /** The claim listing roles (an array, or a space-separated string). */
        @WithDefault("roles")
        String rolesClaim();

        /** The roles (comma-separated) of a token without that claim. */
        Optional<String> defaultRoles();

        /** Tolerated clock difference for {@code exp}, {@code iat}, {@code nbf}. */
        @WithDefault("30s")
        Duration clockSkew();
    }
}
