package dev.aicon.gateway.security;

import dev.aicon.gateway.config.SecurityConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a gateway whose security settings do not hold together, naming the key:
 * <ul>
 *   <li>security off ({@code aicon.security.enabled=false}) on an address other than loopback
 *       ({@code quarkus.http.host}), unless {@code aicon.security.allow-insecure=true}; security off is logged as a
 *       warning in any case;
 *   <li>a bootstrap token shorter than {@value BootstrapTokens#MIN_LENGTH} characters ({@link BootstrapTokens});
 *   <li>JWTs configured without an issuer or an audience;
 *   <li>security on with no way to authenticate at all: no bootstrap token, no JWT and no API key directory.
 * </ul>
 * Without a bootstrap token the gateway starts and says that only API keys and JWTs authenticate.
 */
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
@ApplicationScoped
public class SecurityStartup {

    SecurityStartup(
            SecurityConfig config,
            BootstrapTokens bootstrap,
            ApiKeys keys,
            JwtIdentityProvider jwts,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String httpHost) {
        if (!config.enabled()) {
            if (!SecurityGate.isLoopback(httpHost) && !config.allowInsecure()) {
                throw new IllegalStateException("aicon.security.enabled=false while quarkus.http.host=" + httpHost
                        + " is not loopback: anyone who reaches the port would be an operator. Turn security on, "
                        + "bind to 127.0.0.1, or set aicon.security.allow-insecure=true");
            }
            Log.warnf(
                    "SECURITY IS OFF (aicon.security.enabled=false): every caller acts as the operator of tenant "
                            + "default, on %s. Never run this where others reach the port.",
                    httpHost);
            return;
        }
        SecurityConfig.Jwt jwt = config.jwt();
        if (jwt.jwksLocation().isPresent()
                && (jwt.issuer().isEmpty() || jwt.audience().isEmpty())) {
            throw new IllegalStateException("aicon.security.jwt.jwks-location is set without aicon.security.jwt.issuer "
                    + "and aicon.security.jwt.audience: a JWT is accepted only for a known issuer and audience");
        }
        if (!bootstrap.any() && !jwts.enabled() && !keys.available()) {
            throw new IllegalStateException(
                    "security is on but nothing can authenticate: set "
                            + "aicon.security.bootstrap-token (AICON_SECURITY_BOOTSTRAP_TOKEN) or aicon.security.jwt.jwks-location");
        }
        Log.infof(
                "security on: bootstrap tokens %s, API keys %s, JWTs %s",
                bootstrap.any() ? "accepted" : "not configured",
                keys.available() ? "accepted" : "unavailable (no key directory)",
                jwts.enabled() ? "accepted from " + jwt.jwksLocation().orElse("") : "not configured");
        if (!bootstrap.any()) {
            Log.warn("no aicon.security.bootstrap-token: only API keys and JWTs authenticate");
        }
    }
}
