package dev.aicon.gateway.cache;

import dev.aicon.gateway.config.FeatureFlags;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * The cache for the AIcons inside the cache flag's rollout only; the others never touch Redis, as if the tier were
 * off. With the rollout at 100% it passes everything through.
 */
public class RolloutCache implements AIconCache {

    private final AIconCache cache;
    private final FeatureFlags flags;

    public RolloutCache(AIconCache cache, FeatureFlags flags) {
        this.cache = cache;
        this.flags = flags;
    }

    private boolean covers(String id) {
        return flags.isOnFor(FeatureFlags.Feature.cache, id);
    }

    @Override
    public Uni<CacheLookup> get(TenantId tenant, String id) {
        return covers(id) ? cache.get(tenant, id) : Uni.createFrom().item(CacheLookup.MISS);
    }

    @Override
    public Uni<Optional<RawDocument>> getRaw(TenantId tenant, String id) {
        return covers(id) ? cache.getRaw(tenant, id) : Uni.createFrom().item(Optional.empty());
    }

    @Override
    public Uni<Void> fill(TenantId tenant, AIcon aicon, CacheLookup.Miss after) {
        return covers(aicon.id())
                ? cache.fill(tenant, aicon, after)
                : Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> refresh(TenantId tenant, AIcon aicon) {
        return covers(aicon.id())
                ? cache.refresh(tenant, aicon)
                : Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> deleted(TenantId tenant, String id, long lastVersion) {
        return covers(id)
                ? cache.deleted(tenant, id, lastVersion)
                : Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> evict(TenantId tenant, String id) {
        return covers(id) ? cache.evict(tenant, id) : Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> confirmMissedInvalidations() {
        return cache.confirmMissedInvalidations();
    }

    @Override
    public Uni<String> status() {
        return cache.status();
    }

    @Override
    public String breakerState() {
        return cache.breakerState();
    }
}
