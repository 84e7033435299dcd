package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control plane's contract, run on every backend (file, memory, PostgreSQL): tenants, keys found by their hash,
 * revocation and expiry, listings without secrets, and the audit trail's filters, pages and pruning. Each test uses
 * tenants and subjects of its own, so the tests of one backend may share it.
 */
public abstract class ControlPlaneContract {

    /** The backend under test; may be the same instance for every test of a class. */
    protected abstract ControlPlaneStore store();

    private ControlPlane plane() {
        return new ControlPlane(store(), java.time.Clock.systemUTC());
    }

    protected static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theDefaultTenantAlwaysExists() {
        assertTrue(await(store().findTenant(TenantId.DEFAULT)).isPresent());
        assertTrue(await(store().listTenants()).stream().anyMatch(t -> t.id().equals(TenantId.DEFAULT)));
    }

    @Test
    void aTenantIsCreatedOnceAndListed() {
        String id = unique("acme");
        TenantRecord created = await(plane().createTenant(id));
        assertEquals(id, created.id().value());
        ControlPlaneFailure duplicate = assertThrows(ControlPlaneFailure.class, () -> await(plane().createTenant(id)));
        assertEquals(FailureKind.TENANT_EXISTS, duplicate.kind());
        assertTrue(await(store().listTenants()).stream()
                .anyMatch(t -> t.id().value().equals(id)));
        assertEquals(
                created.id(),
                await(store().findTenant(created.id())).orElseThrow().id());
    }

    @Test
    void aTenantIdAgainstTheRuleIsRefused() {
        for (String bad : new String[] {"", "Acme", "-acme", "a_b", "x".repeat(64)}) {
            ControlPlaneFailure refused = assertThrows(ControlPlaneFailure.class, () -> plane().createTenant(bad));
            assertEquals(FailureKind.MALFORMED_REQUEST, refused.kind(), bad);
        }
    }

    @Test
    void anIssuedKeyIsFoundByItsHashAndHoldsNoSecret() {
        TenantId tenant = await(plane().createTenant(unique("keys"))).id();
        IssuedKey issued = await(plane().issueKey(tenant, Set.of(Role.WRITER), "ci", null, false));
        assertTrue(
                issued.key().startsWith(ApiKeySecrets.PREFIX + issued.record().keyId() + "_"));
        assertTrue(issued.key().length() >= 4 + 16 + 1 + 43, "a 256-bit secret in base64url");
        assertFalse(issued.toString().contains(issued.key()));

        ApiKeyRecord found =
                await(store().findByHash(ApiKeySecrets.sha256Hex(issued.key()))).orElseThrow();
        assertEquals(issued.record().keyId(), found.keyId());
        assertEquals(tenant, found.tenant());
        assertEquals(Set.of(Role.WRITER), found.roles());
        assertEquals("ci", found.name());
        assertTrue(found.usableAt(Instant.now()));
        assertEquals(ApiKeySecrets.sha256Hex(issued.key()), found.sha256Hex());
        assertFalse(found.toString().contains(issued.key()));
        assertEquals(Optional.empty(), await(store().findByHash(ApiKeySecrets.sha256Hex(issued.key() + "x"))));
    }

    @Test
    void keysAreListedPerTenant() {
        TenantId one = await(plane().createTenant(unique("one"))).id();
        TenantId two = await(plane().createTenant(unique("two"))).id();
        IssuedKey first = await(plane().issueKey(one, Set.of(Role.READER), "a", null, false));
        IssuedKey second = await(plane().issueKey(one, Set.of(Role.ADMIN, Role.WRITER), "b", null, false));
        await(plane().issueKey(two, Set.of(Role.READER), "c", null, false));
        List<ApiKeyRecord> listed = await(plane().keys(one));
        assertEquals(
                List.of(first.record().keyId(), second.record().keyId()),
                listed.stream().map(ApiKeyRecord::keyId).toList());
        assertEquals(Set.of(Role.ADMIN, Role.WRITER), listed.get(1).roles());
        assertEquals(1, await(plane().keys(two)).size());
    }

    @Test
    void aRevokedKeyIsStillFoundButNotUsable() {
        TenantId tenant = await(plane().createTenant(unique("revoke"))).id();
        IssuedKey issued = await(plane().issueKey(tenant, Set.of(Role.READER), "", null, false));
        await(plane().revokeKey(tenant, issued.record().keyId()));
        ApiKeyRecord found =
                await(store().findByHash(issued.record().sha256Hex())).orElseThrow();
        assertNotNull(found.revoked());
        assertFalse(found.usableAt(Instant.now()));
        Instant first = found.revoked();
        await(plane().revokeKey(tenant, issued.record().keyId()));
        assertEquals(
                first,
                await(store().findByHash(issued.record().sha256Hex()))
                        .orElseThrow()
                        .revoked());
    }

    @Test
    void revokingAnUnknownKeyOrAnotherTenantsKeyIsNotFound() {
        TenantId tenant = await(plane().createTenant(unique("own"))).id();
        TenantId other = await(plane().createTenant(unique("other"))).id();
        IssuedKey issued = await(plane().issueKey(tenant, Set.of(Role.READER), "", null, false));
        ControlPlaneFailure unknown =
                assertThrows(ControlPlaneFailure.class, () -> await(plane().revokeKey(tenant, "0123456789abcdef")));
        assertEquals(FailureKind.API_KEY_NOT_FOUND, unknown.kind());
        ControlPlaneFailure foreign = assertThrows(
                ControlPlaneFailure.class,
                () -> await(plane().revokeKey(other, issued.record().keyId())));
        assertEquals(FailureKind.API_KEY_NOT_FOUND, foreign.kind());
        assertNull(await(store().findByHash(issued.record().sha256Hex()))
                .orElseThrow()
                .revoked());
    }

    @Test
    void anUnknownTenantHasNoKeys() {
        TenantId missing = new TenantId(unique("missing"));
        ControlPlaneFailure issue = assertThrows(
                ControlPlaneFailure.class,
                () -> await(plane().issueKey(missing, Set.of(Role.READER), "", null, false)));
        assertEquals(FailureKind.TENANT_NOT_FOUND, issue.kind());
        ControlPlaneFailure list = assertThrows(ControlPlaneFailure.class, () -> await(plane().keys(missing)));
        assertEquals(FailureKind.TENANT_NOT_FOUND, list.kind());
    }

    @Test
    void anExpiredKeyIsNotUsable() {
        TenantId tenant = await(plane().createTenant(unique("expiry"))).id();
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS);
        IssuedKey issued = await(plane().issueKey(tenant, Set.of(Role.READER), "", expires, false));
        ApiKeyRecord found =
                await(store().findByHash(issued.record().sha256Hex())).orElseThrow();
        assertEquals(expires.truncatedTo(ChronoUnit.MICROS), found.expires());
        assertTrue(found.usableAt(Instant.now()));
        assertFalse(found.usableAt(expires));
        assertFalse(found.usableAt(expires.plusSeconds(1)));
        ControlPlaneFailure past = assertThrows(
                ControlPlaneFailure.class,
                () -> plane().issueKey(
                                tenant, Set.of(Role.READER), "", Instant.now().minusSeconds(1), false));
        assertEquals(FailureKind.MALFORMED_REQUEST, past.kind());
    }

    @Test
    void onlyAnOperatorIssuesOperatorKeys() {
        TenantId tenant = await(plane().createTenant(unique("ops"))).id();
        ControlPlaneFailure refused = assertThrows(
                ControlPlaneFailure.class, () -> plane().issueKey(tenant, Set.of(Role.OPERATOR), "", null, false));
        assertEquals(FailureKind.ROLE_NOT_GRANTABLE, refused.kind());
        IssuedKey issued = await(plane().issueKey(tenant, Set.of(Role.OPERATOR), "", null, true));
        assertEquals(Set.of(Role.OPERATOR), issued.record().roles());
        assertThrows(ControlPlaneFailure.class, () -> plane().issueKey(tenant, Set.of(), "", null, true));
    }

    @Test
    void auditRecordsAreFilteredAndPagedNewestFirst() {
        TenantId tenant = await(plane().createTenant(unique("audit"))).id();
        String subject = unique("subject");
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AuditEvent> appended = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditEvent event = new AuditEvent(
                    base.plusSeconds(i),
                    i % 2 == 0 ? subject : subject + "-other",
                    tenant,
                    "PUT /v1/aicons/{id}",
                    "a" + (i % 3),
                    i % 3 == 0 ? null : (long) i,
                    i == 6 ? 403 : 200,
                    i == 6 ? "refused" : "ok");
            appended.add(event);
            await(store().append(event));
        }
        await(store().append(new AuditEvent(base, subject, null, "GET /v1/aicons", null, null, 401, "refused")));

        AuditQuery all = new AuditQuery(tenant, null, null, null, null, null, null, 3);
        List<AuditEvent> seen = new ArrayList<>();
        AuditPage page = await(store().query(all));
        int pages = 1;
        seen.addAll(events(page));
        while (page.nextBeforeId() != null) {
            page = await(store().query(all.after(page.nextBeforeId())));
            seen.addAll(events(page));
            pages++;
        }
        assertEquals(3, pages);
        List<AuditEvent> newestFirst = new ArrayList<>(appended);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);

        assertEquals(
                4,
                events(await(store().query(query(tenant, subject, null, null, null, null))))
                        .size());
        assertEquals(
                List.of(appended.get(3), appended.get(0)),
                events(await(store().query(query(tenant, null, "a0", "ok", null, null)))));
        assertEquals(
                List.of(appended.get(6)),
                events(await(store().query(query(tenant, null, null, "refused", null, null)))));
        assertEquals(
                List.of(appended.get(4), appended.get(3), appended.get(2)),
                events(await(
                        store().query(query(tenant, null, null, null, base.plusSeconds(2), base.plusSeconds(5))))));
        List<AuditEvent> noTenant =
                events(await(store().query(new AuditQuery(null, subject, null, "refused", null, null, null, 10))));
        assertEquals(2, noTenant.size(), "an operator's query without a tenant sees every tenant and none");
        assertNull(noTenant.get(0).tenant());
        assertEquals(tenant, noTenant.get(1).tenant());
        assertEquals(
                appended.get(1),
                events(await(store().query(query(tenant, null, "a1", null, null, null))))
                        .get(1));
    }

    @Test
    void pruningRemovesOnlyRecordsPastTheRetention() {
        TenantId tenant = await(plane().createTenant(unique("prune"))).id();
        Instant old = Instant.parse("2001-01-01T00:00:00Z");
        await(store().append(new AuditEvent(old, "s", tenant, "DELETE /v1/aicons/{id}", "x", 3L, 204, "ok")));
        await(store().append(new AuditEvent(
                old.plusSeconds(60), "s", tenant, "DELETE /v1/aicons/{id}", "y", 4L, 204, "ok")));
        AuditEvent kept = new AuditEvent(
                Instant.now().truncatedTo(ChronoUnit.MICROS), "s", tenant, "POST /v1/aicons", "z", 1L, 201, "ok");
        await(store().append(kept));

        assertTrue(await(store().prune(Instant.parse("2002-01-01T00:00:00Z"))) >= 2);
        assertEquals(List.of(kept), events(await(store().query(query(tenant, null, null, null, null, null)))));
        assertEquals(0L, await(store().prune(Instant.parse("2002-01-01T00:00:00Z"))));
        await(store().append(new AuditEvent(Instant.now(), "s", tenant, "POST /v1/aicons", "w", 1L, 201, "ok")));
        assertEquals(
                2,
                events(await(store().query(query(tenant, null, null, null, null, null))))
                        .size());
    }

    private static AuditQuery query(
            TenantId tenant, String subject, String aiconId, String outcome, Instant since, Instant until) {
        return new AuditQuery(tenant, subject, aiconId, outcome, since, until, null, 100);
    }

    protected static List<AuditEvent> events(AuditPage page) {
        return page.items().stream().map(AuditEntry::event).toList();
    }
}
