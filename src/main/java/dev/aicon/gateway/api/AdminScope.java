package dev.aicon.gateway.api;

import dev.aicon.gateway.controlplane.ControlPlane;
import dev.aicon.gateway.controlplane.ControlPlaneFailure;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Which tenant an admin request may act on: an {@code operator} any tenant it names; an {@code admin} only its own
 * (another tenant answers 404, exactly like a tenant that does not exist, so its existence never leaks).
 */
final class AdminScope {

    private AdminScope() {}

    /** The tenant of the path that {@code caller} may manage: 400 on a bad id for an operator, else 404. */
    static TenantId managed(Caller caller, @Nullable String pathTenant) {
        if (caller.has(Role.OPERATOR)) {
            return ControlPlane.tenantId(pathTenant);
        }
        if (caller.has(Role.ADMIN) && caller.tenant().value().equals(pathTenant)) {
            return caller.tenant();
        }
        throw ControlPlaneFailure.tenantNotFound(pathTenant == null ? "" : pathTenant);
    }

    /**
     * The tenant filter of an audit query: an operator's as asked (null: every tenant); an admin's is always its own
     * tenant, and naming another answers 404.
     */
    static @Nullable TenantId auditTenant(Caller caller, @Nullable String requested) {
        if (caller.has(Role.OPERATOR)) {
            return requested == null || requested.isEmpty() ? null : ControlPlane.tenantId(requested);
        }
        if (caller.has(Role.ADMIN)
                && (requested == null
                        || requested.isEmpty()
                        || caller.tenant().value().equals(requested))) {
            return caller.tenant();
        }
        throw ControlPlaneFailure.tenantNotFound(requested == null ? "" : requested);
    }
}
