package dev.aicon.gateway.api;

import dev.aicon.gateway.controlplane.ControlPlaneFailure;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.security.Caller;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which tenant an admin request may act on: an admin its own only (others are 404), an operator any. */
class AdminScopeTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final Caller ADMIN = new Caller("k1", ACME, Set.of(Role.ADMIN));
    private static final Caller OPERATOR = new Caller("bootstrap", TenantId.DEFAULT, Set.of(Role.OPERATOR));
    private static final Caller WRITER = new Caller("k2", ACME, Set.of(Role.WRITER));

    @Test
    void anAdminManagesItsOwnTenantOnly() {
        assertEquals(ACME, AdminScope.managed(ADMIN, "acme"));
        for (String other : new String[] {"default", "other", "Bad_Name", ""}) {
            ControlPlaneFailure refused =
                    assertThrows(ControlPlaneFailure.class, () -> AdminScope.managed(ADMIN, other));
            assertEquals(FailureKind.TENANT_NOT_FOUND, refused.kind(), other);
        }
        assertThrows(ControlPlaneFailure.class, () -> AdminScope.managed(ADMIN, null));
    }

    @Test
    void anOperatorManagesAnyTenantAndABadIdIsA400() {
        assertEquals(ACME, AdminScope.managed(OPERATOR, "acme"));
        assertEquals(
                FailureKind.MALFORMED_REQUEST,
                assertThrows(ControlPlaneFailure.class, () -> AdminScope.managed(OPERATOR, "Bad_Name"))
                        .kind());
    }

    @Test
    void aWriterManagesNoTenant() {
        assertThrows(ControlPlaneFailure.class, () -> AdminScope.managed(WRITER, "acme"));
        assertThrows(ControlPlaneFailure.class, () -> AdminScope.auditTenant(WRITER, null));
    }

    @Test
    void anAdminReadsTheAuditOfItsOwnTenantWhateverItAsks() {
        assertEquals(ACME, AdminScope.auditTenant(ADMIN, null));
        assertEquals(ACME, AdminScope.auditTenant(ADMIN, ""));
        assertEquals(ACME, AdminScope.auditTenant(ADMIN, "acme"));
        assertEquals(
                FailureKind.TENANT_NOT_FOUND,
                assertThrows(ControlPlaneFailure.class, () -> AdminScope.auditTenant(ADMIN, "default"))
                        .kind());
        assertNull(AdminScope.auditTenant(OPERATOR, null));
        assertEquals(ACME, AdminScope.auditTenant(OPERATOR, "acme"));
    }
}
