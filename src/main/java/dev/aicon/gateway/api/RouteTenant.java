package dev.aicon.gateway.api;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.CurrentCaller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant a Vert.x route's request acts for, as {@link CurrentCaller} tells it. Plain Vert.x routes may run
 * without a CDI request context; then the same identity is read from the routing context, where authentication put
 * it, with the same rule: the identity's {@link CurrentCaller#TENANT_ATTRIBUTE}, or tenant {@code default} for an
 * anonymous caller. Never taken from the URL, a header or the body.
 */
@ApplicationScoped
public class RouteTenant {

    private final CurrentCaller caller;

    RouteTenant(CurrentCaller caller) {
        this.caller = caller;
    }

    public TenantId of(RoutingContext context) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            return caller.tenant();
        }
        if (context.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            TenantId tenant = identity.getAttribute(CurrentCaller.TENANT_ATTRIBUTE);
            if (tenant != null) {
                return tenant;
            }
        }
        return TenantId.DEFAULT;
    }
}
