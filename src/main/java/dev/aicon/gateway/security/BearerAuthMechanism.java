package dev.aicon.gateway.security;

import dev.aicon.gateway.config.SecurityConfig;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code Authorization: Bearer <token>} and hands the token to the identity providers: a token shaped like a
 * JWT goes to {@link JwtIdentityProvider} while JWTs are configured, any other to
 * {@link BearerTokenIdentityProvider} (bootstrap tokens, API keys). No header: the request stays anonymous and the
 * path permissions answer 401 wherever a role is needed. An {@code operator} may act for another tenant named in the
 * {@code AIcon-Tenant} header ({@link SecurityGate} refuses the header for any other caller). Every 401 is a
 * problem with {@code WWW-Authenticate: Bearer}. With {@code aicon.security.enabled=false} ({@code %dev} only) every
 * caller is the operator of tenant {@code default}.
 */
@ApplicationScoped
public class BearerAuthMechanism implements HttpAuthenticationMechanism {

    public static final String TENANT_HEADER = "AIcon-Tenant";
    static final String CHALLENGE = "Bearer";
    private static final String SCHEME = "bearer ";
    /** RFC 6750 token68 characters; anything else is not a token this gateway issues or accepts. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final boolean enabled;
    private final JwtIdentityProvider jwts;
    private final RefusalAnswers answers;

    BearerAuthMechanism(SecurityConfig config, JwtIdentityProvider jwts, RefusalAnswers answers) {
        this.enabled = config.enabled();
        this.jwts = jwts;
        this.answers = answers;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!enabled) {
            SecurityIdentity devOperator =
                    Identities.of(Identities.ANONYMOUS_SUBJECT, TenantId.DEFAULT, Set.of(Role.OPERATOR));
            return Uni.createFrom().item(withNamedTenant(devOperator, context));
        }
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        String token = bearerToken(header);
        if (token == null) {
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException("the Authorization header is not a Bearer token"));
        }
        AuthenticationRequest request =
                jwts.enabled() && JWT.matcher(token).matches() ? new JwtRequest(token) : new BearerTokenRequest(token);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request).map(identity -> withNamedTenant(identity, context));
    }

    /** The token of a {@code Bearer} header (any letter case of the scheme), or null when it is none. */
    static @org.jspecify.annotations.Nullable String bearerToken(String header) {
        String trimmed = header.strip();
        if (trimmed.length() <= SCHEME.length()
                || !trimmed.substring(0, SCHEME.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(SCHEME)) {
            return null;
        }
        String token = trimmed.substring(SCHEME.length()).strip();
        return TOKEN.matcher(token).matches() ? token : null;
    }

    /** An operator's identity acting for the tenant its {@code AIcon-Tenant} header names, when that is valid. */
    private static SecurityIdentity withNamedTenant(SecurityIdentity identity, RoutingContext context) {
        String named = context.request().getHeader(TENANT_HEADER);
        if (named != null && TenantId.isValid(named.strip()) && Identities.isOperator(identity)) {
            return Identities.withTenant(identity, new TenantId(named.strip()));
        }
        return identity;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    /** Every 401 of the gateway: a problem, with {@code WWW-Authenticate: Bearer}. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended()) {
            context.response().putHeader("WWW-Authenticate", CHALLENGE);
            String detail = context.request().getHeader("Authorization") == null
                    ? "this request needs a credential: Authorization: Bearer <token>"
                    : "the credential was not accepted (malformed, unknown, revoked or expired)";
            answers.refuse(context, FailureKind.UNAUTHENTICATED, detail);
        }
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BearerTokenRequest.class, JwtRequest.class);
    }
}
