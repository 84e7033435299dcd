package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;

/** A control-plane request refused on purpose: a bad value, an unknown tenant or key, a tenant that exists. */
public class ControlPlaneFailure extends GatewayFailure {

    ControlPlaneFailure(FailureKind kind, String message) {
        super(kind, null, message);
    }

    public static ControlPlaneFailure malformed(String message) {
        return new ControlPlaneFailure(FailureKind.MALFORMED_REQUEST, message);
    }

    public static ControlPlaneFailure tenantNotFound(TenantId tenant) {
        return new ControlPlaneFailure(FailureKind.TENANT_NOT_FOUND, "no tenant " + tenant);
    }

    /** The answer for a tenant the caller may not see, alike whether it exists or not. */
    public static ControlPlaneFailure tenantNotFound(String tenant) {
        return new ControlPlaneFailure(FailureKind.TENANT_NOT_FOUND, "no tenant " + tenant);
    }

    public static ControlPlaneFailure tenantExists(TenantId tenant) {
        return new ControlPlaneFailure(FailureKind.TENANT_EXISTS, "tenant " + tenant + " already exists");
    }

    public static ControlPlaneFailure keyNotFound(TenantId tenant, String keyId) {
        return new ControlPlaneFailure(FailureKind.API_KEY_NOT_FOUND, "tenant " + tenant + " has no key " + keyId);
    }

    public static ControlPlaneFailure roleNotGrantable(String role) {
        return new ControlPlaneFailure(
                FailureKind.ROLE_NOT_GRANTABLE, "only an operator may issue a key with the role " + role);
    }
}
