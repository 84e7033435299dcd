package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.TenantId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One audited act: who ({@code subject}: a key id, a JWT subject, {@code bootstrap} or {@code anonymous}; never a
 * secret), for which tenant (null when a refused request had none), what ({@code action}, such as {@code PUT
 * /v1/aicons/{id}}), on which AIcon and version, when, and the outcome (the HTTP status and a word: {@code ok},
 * {@code refused}, {@code failed}).
 */
public record AuditEvent(
        Instant at,
        String subject,
        @Nullable TenantId tenant,
        String action,
        @Nullable String aiconId,
        @Nullable Long version,
        int status,
        String outcome) {}
