package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.TenantId;

import java.time.Instant;

/** A tenant the control plane knows, with when it was created. */
public record TenantRecord(TenantId id, Instant created) {}
