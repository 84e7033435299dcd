package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tenants: {@link TenantId#DEFAULT} always exists; others are created by an operator and never renamed. */
public interface TenantDirectory {

    /** Creates {@code id} at {@code created}: true when created, false when it already existed (left unchanged). */
    Uni<Boolean> createTenant(TenantId id, Instant created);

    /** The tenant {@code id}, when it exists. */
    Uni<Optional<TenantRecord>> findTenant(TenantId id);

    /** Every tenant, ordered by id. */
    Uni<List<TenantRecord>> listTenants();
}
