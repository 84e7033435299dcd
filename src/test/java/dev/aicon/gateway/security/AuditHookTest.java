package dev.aicon.gateway.security;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the audit hook records: which requests, their route template, AIcon id, version and outcome. */
class AuditHookTest {

    @Test
    void writesAdminRequestsAndRefusalsAreAuditedReadsAreNot() {
        assertTrue(AuditHook.audited(HttpMethod.PUT, "/v1/aicons/a", 200));
        assertTrue(AuditHook.audited(HttpMethod.DELETE, "/v1/aicons/a/brain", 204));
        assertFalse(AuditHook.audited(HttpMethod.POST, "/v1/aicons:batchGet", 200));
        assertFalse(AuditHook.audited(HttpMethod.GET, "/v1/aicons/a", 200));
        assertTrue(AuditHook.audited(HttpMethod.GET, "/v1/admin/journal", 200));
        assertTrue(AuditHook.audited(HttpMethod.GET, "/v1/aicons/a", 401));
        assertTrue(AuditHook.audited(HttpMethod.GET, "/v1/aicons/a", 403));
    }

    @Test
    void pathsBecomeRouteTemplates() {
        assertEquals("/v1/aicons/{id}", AuditHook.template("/v1/aicons/a-1"));
        assertEquals("/v1/aicons/{id}/brain", AuditHook.template("/v1/aicons/a-1/brain"));
        assertEquals("/v1/aicons/{id}/factors/{name}", AuditHook.template("/v1/aicons/a/factors/f"));
        assertEquals("/v1/aicons/{id}/versions/{v}/restore", AuditHook.template("/v1/aicons/a/versions/3/restore"));
        assertEquals("/v1/admin/tenants/{tenant}/keys/{key_id}", AuditHook.template("/v1/admin/tenants/acme/keys/k1"));
        assertEquals("/v1/admin/tenants/{tenant}/keys", AuditHook.template("/v1/admin/tenants/acme/keys"));
        assertEquals("/v1/aicons:batchPut", AuditHook.template("/v1/aicons:batchPut"));
    }

    @Test
    void theAIconAndVersionComeFromThePathAndTheETag() {
        assertEquals("a-1", AuditHook.aiconId("/v1/aicons/a-1/brain"));
        assertNull(AuditHook.aiconId("/v1/aicons:batchPut"));
        assertEquals(7L, AuditHook.version("\"7\""));
        assertEquals(7L, AuditHook.version("W/\"7\""));
        assertNull(AuditHook.version("\"9f86d081884c7d65\""));
        assertNull(AuditHook.version(null));
        assertEquals("refused", AuditHook.outcome(401));
        assertEquals("ok", AuditHook.outcome(201));
        assertEquals("failed", AuditHook.outcome(409));
    }
}
