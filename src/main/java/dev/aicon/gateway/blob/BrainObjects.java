package dev.aicon.gateway.blob;

import dev.aicon.gateway.domain.TenantId;

import java.util.Optional;
import java.util.UUID;

/**
 * Names of stored brain objects, the same in every tier (inline rows, local files, GCS objects): a brain of AIcon
 * {@code id} of {@code tenant} is {@code <tenant>/<id>/<uuid>}. A name written before tenants existed is
 * {@code <id>/<uuid>} and belongs to tenant {@code default}. Neither a tenant nor an AIcon id holds a {@code /}, so
 * a name tells its tenant and AIcon without doubt.
 */
public final class BrainObjects {

    private BrainObjects() {}

    /** The tenant and AIcon an object name belongs to. */
    public record Owner(TenantId tenant, String aiconId) {}

    /** A new, unique object name for a brain of {@code id} of {@code tenant}. */
    public static String newName(TenantId tenant, String id) {
        return tenant.value() + "/" + id + "/" + UUID.randomUUID();
    }

    /** Who an object belongs to; empty for a name that is neither layout. */
    public static Optional<Owner> ownerOf(String object) {
        String[] parts = object.split("/", -1);
        if (parts.length == 2 && !parts[0].isEmpty()) {
            return Optional.of(new Owner(TenantId.DEFAULT, parts[0]));
        }
        if (parts.length == 3 && TenantId.isValid(parts[0]) && !parts[1].isEmpty()) {
            return Optional.of(new Owner(new TenantId(parts[0]), parts[1]));
        }
        return Optional.empty();
    }

    /** The tenant of an object name (for the inline tier's {@code tenant_id} column); default for an old name. */
    public static TenantId tenantOf(String object) {
        return ownerOf(object).map(Owner::tenant).orElse(TenantId.DEFAULT);
    }
}
