package dev.aicon.gateway.domain;

/**
 * An AIcon's identity across tenants: ids are unique per tenant only, so every in-memory map of AIcons (pending
 * journal writes, last known copies, reads in flight, cache keys) is keyed by tenant and id together.
 */
public record AIconKey(TenantId tenant, String id) {

    public static AIconKey of(TenantId tenant, String id) {
        return new AIconKey(tenant, id);
    }

    @Override
    public String toString() {
        return tenant.value() + "/" + id;
    }
}
