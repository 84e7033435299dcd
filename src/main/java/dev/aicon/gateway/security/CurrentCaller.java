package dev.aicon.gateway.security;

import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.Set;

/**
 * The caller of the current request, as authentication resolved it: resources and routes ask it for the tenant they
 * pass down to the services. The identity carries the tenant as the attribute {@link #TENANT_ATTRIBUTE}.
 */
@RequestScoped
public class CurrentCaller {

    /** The {@link SecurityIdentity} attribute holding the {@link TenantId} a request acts for. */
    public static final String TENANT_ATTRIBUTE = "aicon.tenant";

    @Inject
    SecurityIdentity identity;

    public TenantId tenant() {
        TenantId tenant = identity.getAttribute(TENANT_ATTRIBUTE);
        return tenant == null ? TenantId.DEFAULT : tenant;
    }

    public Caller caller() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (identity.hasRole(role.wireName())) {
                roles.add(role);
            }
        }
        String subject =
                identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        return new Caller(subject, tenant(), roles);
    }
}
