package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.TenantId;

/**
 * An AIcon of {@code tenant} whose stored document was found damaged, and when (UTC, as {@code domain.Timestamps}
 * writes it).
 */
public record CorruptMark(TenantId tenant, String id, String foundAt) {}
