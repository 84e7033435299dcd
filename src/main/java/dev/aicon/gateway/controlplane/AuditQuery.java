package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.TenantId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A filtered page of the audit trail, newest first: every non-null filter must match ({@code since} inclusive,
 * {@code until} exclusive); {@code beforeId} continues after the last entry of the previous page.
 */
public record AuditQuery(
        @Nullable TenantId tenant,
        @Nullable String subject,
        @Nullable String aiconId,
        @Nullable String outcome,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable Long beforeId,
        int limit) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }

    /** Every record, newest first, {@code limit} at a time. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, limit);
    }

    public AuditQuery after(long lastId) {
        return new AuditQuery(tenant, subject, aiconId, outcome, since, until, lastId, limit);
    }

    /** True when {@code entry} passes every filter and the cursor. */
    public boolean matches(AuditEntry entry) {
        AuditEvent event = entry.event();
        return (beforeId == null || entry.id() < beforeId)
                && (tenant == null || tenant.equals(event.tenant()))
                && (subject == null || subject.equals(event.subject()))
                && (aiconId == null || aiconId.equals(event.aiconId()))
                && (outcome == null || outcome.equals(event.outcome()))
                && (since == null || !event.at().isBefore(since))
                && (until == null || event.at().isBefore(until));
    }
}
