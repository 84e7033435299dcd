package dev.aicon.gateway.cache;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;

/** The cache tier switched off ({@code aicon.features.cache.enabled=false}): every read goes to the store. */
public class DisabledCache implements AIconCache {

    @Override
    public Uni<CacheLookup> get(TenantId tenant, String id) {
        return Uni.createFrom().item(CacheLookup.MISS);
    }

    @Override
    public Uni<Void> fill(TenantId tenant, AIcon aicon, CacheLookup.Miss after) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> refresh(TenantId tenant, AIcon aicon) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> deleted(TenantId tenant, String id, long lastVersion) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> evict(TenantId tenant, String id) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<String> status() {
        return Uni.createFrom().item("OFF");
    }

    @Override
    public String breakerState() {
        return "OFF";
    }
}
