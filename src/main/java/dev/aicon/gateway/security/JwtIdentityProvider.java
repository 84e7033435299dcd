package dev.aicon.gateway.security;

import dev.aicon.gateway.config.SecurityConfig;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JWT bearer tokens (for example Kubernetes projected service-account tokens), verified by SmallRye JWT against the
 * keys at {@code aicon.security.jwt.jwks-location}, with the configured issuer and audience. The tenant comes from
 * {@code aicon.security.jwt.tenant-claim}, the roles from {@code roles-claim} (else {@code default-roles}); the
 * subject is the token's {@code sub}. Verification may fetch the JWKS, so it runs on a worker thread.
 */
@ApplicationScoped
public class JwtIdentityProvider implements IdentityProvider<JwtRequest> {

    private final SecurityConfig.Jwt config;
    private final @Nullable DefaultJWTParser parser;

    JwtIdentityProvider(SecurityConfig security) {
        this.config = security.jwt();
        this.parser = config.jwksLocation().isPresent() ? new DefaultJWTParser(contextInfo(config)) : null;
    }

    /** True when JWTs are configured: {@code aicon.security.jwt.jwks-location} is set. */
    boolean enabled() {
        return parser != null;
    }

    private static JWTAuthContextInfo contextInfo(SecurityConfig.Jwt config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyLocation(config.jwksLocation().orElseThrow());
        config.issuer().ifPresent(info::setIssuedBy);
        info.setExpectedAudience(new HashSet<>(SecurityConfig.items(config.audience())));
        info.setClockSkew((int) config.clockSkew().toSeconds());
        info.setExpGracePeriodSecs((int) config.clockSkew().toSeconds());
        info.setRequireNamedPrincipal(false);
        return info;
    }

    @Override
    public Class<JwtRequest> getRequestType() {
        return JwtRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(JwtRequest request, AuthenticationRequestContext context) {
        DefaultJWTParser verifier = parser;
        if (verifier == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("JWTs are not configured"));
        }
        return context.runBlocking(() -> identityOf(verify(verifier, request.token())));
    }

    private static JsonWebToken verify(DefaultJWTParser verifier, String token) {
        try {
            return verifier.parse(token);
        } catch (ParseException | RuntimeException invalid) {
            // the message of a parse failure may quote the token's parts: never log it
            Log.debugf("a JWT was refused (%s)", invalid.getClass().getSimpleName());
            throw new AuthenticationFailedException("the JWT was not accepted");
        }
    }

    private SecurityIdentity identityOf(JsonWebToken jwt) {
        Object tenantClaim = claim(jwt, config.tenantClaim());
        if (!(tenantClaim instanceof String tenant) || !TenantId.isValid(tenant)) {
            throw new AuthenticationFailedException("the JWT has no valid tenant in claim " + config.tenantClaim());
        }
        List<Role> roles = new ArrayList<>();
        Object rolesClaim = claim(jwt, config.rolesClaim());
        Collection<String> names = rolesClaim == null ? SecurityConfig.items(config.defaultRoles()) : names(rolesClaim);
        for (String name : names) {
            Identities.role(name).ifPresent(roles::add);
        }
        String subject = jwt.getSubject() == null ? "jwt" : jwt.getSubject();
        return Identities.of(subject, new TenantId(tenant), roles);
    }

    /** The claim at {@code path}: a claim name, or {@code outer/inner} for a claim inside an object claim. */
    private static @Nullable Object claim(JsonWebToken jwt, String path) {
        String[] steps = path.split("/", -1);
        Object value = plain(jwt.getClaim(steps[0]));
        for (int i = 1; i < steps.length && value != null; i++) {
            value = value instanceof Map<?, ?> map ? plain(map.get(steps[i])) : null;
        }
        return value;
    }

    /** JSON-P values as Java ones: strings, lists, maps. */
    private static @Nullable Object plain(@Nullable Object value) {
        if (value instanceof jakarta.json.JsonString string) {
            return string.getString();
        }
        if (value instanceof jakarta.json.JsonObject object) {
            return new java.util.LinkedHashMap<String, Object>(object);
        }
        if (value instanceof jakarta.json.JsonArray array) {
            List<Object> items = new ArrayList<>();
            array.forEach(item -> items.add(plain(item)));
            return items;
        }
        return value;
    }

    private static Collection<String> names(Object claim) {
        Set<String> names = new HashSet<>();
        if (claim instanceof String text) {
            for (String name : text.split("[\\s,]+", -1)) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } else if (claim instanceof Collection<?> items) {
            for (Object item : items) {
                Object value = plain(item);
                if (value instanceof String name) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
