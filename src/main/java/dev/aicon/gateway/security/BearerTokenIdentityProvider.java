package dev.aicon.gateway.security;

import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Opaque bearer tokens: a bootstrap token (the {@code operator} of tenant {@code default}, subject
 * {@code bootstrap}), else a gateway-issued API key (subject: its key id; its tenant and roles), found by the
 * SHA-256 of the whole key and accepted only while neither revoked nor expired. A cheap hash, not bcrypt: the keys
 * are 256-bit random secrets, so a fast hash loses nothing, and it never holds the event loop.
 */
@ApplicationScoped
public class BearerTokenIdentityProvider implements IdentityProvider<BearerTokenRequest> {

    private final BootstrapTokens bootstrap;
    private final ApiKeys keys;
    private final Clock clock;

    BearerTokenIdentityProvider(BootstrapTokens bootstrap, ApiKeys keys) {
        this.bootstrap = bootstrap;
        this.keys = keys;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        byte[] digest = TokenDigests.sha256(request.token());
        if (bootstrap.matches(digest)) {
            return Uni.createFrom()
                    .item(Identities.of(Identities.BOOTSTRAP_SUBJECT, TenantId.DEFAULT, Set.of(Role.OPERATOR)));
        }
        String hex = TokenDigests.hex(digest);
        return keys.find(hex)
                .onFailure()
                .transform(failure -> {
                    Log.warnf("API key lookup failed (%s); the request is refused", failure.toString());
                    return new AuthenticationFailedException("the API key could not be checked");
                })
                .map(found -> identityOf(found, digest));
    }

    private SecurityIdentity identityOf(Optional<ApiKeyRecord> found, byte[] digest) {
        if (found.isEmpty() || !TokenDigests.sameHex(found.get().sha256Hex(), digest)) {
            throw new AuthenticationFailedException("unknown bearer token");
        }
        ApiKeyRecord key = found.get();
        if (!key.usableAt(clock.instant())) {
            throw new AuthenticationFailedException("API key " + key.keyId() + " is revoked or expired");
        }
        return Identities.of(key.keyId(), key.tenant(), key.roles());
    }
}
