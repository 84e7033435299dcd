package dev.aicon.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The most recently seen AIcons, kept in memory (a Caffeine cache, no global lock): they answer reads while store
 * and cache are down, and give a write its starting point without a store round trip. Bounded by an estimate of
 * their heap ({@code aicon.resilience.memory-copies-max-bytes}) and by count ({@code aicon.resilience.memory-copies}):
 * each copy weighs at least the byte budget divided by the count. The least valuable go first.
 */
@ApplicationScoped
public class LastKnownCopies {

    private record Copy(AIcon aicon, int weight) {}

    private final Cache<AIconKey, Copy> copies;
    private final int minWeight;

    LastKnownCopies(ResilienceConfig config) {
        long maxBytes = config.memoryCopiesMaxBytes().asLongValue();
        this.minWeight = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / Math.max(1, config.memoryCopies())));
        this.copies = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((AIconKey id, Copy copy) -> copy.weight())
                .build();
    }

    /** Keeps {@code aicon} unless a newer copy is kept; its size is estimated before the entry is touched. */
    public void remember(TenantId tenant, AIcon aicon) {
        Copy fresh = new Copy(aicon, Math.max(minWeight, HeapEstimate.of(aicon)));
        copies.asMap()
                .compute(
                        AIconKey.of(tenant, aicon.id()),
                        (id, known) -> known != null && known.aicon().version() > aicon.version() ? known : fresh);
    }

    public void forget(TenantId tenant, String id) {
        copies.invalidate(AIconKey.of(tenant, id));
    }

    public Optional<AIcon> get(TenantId tenant, String id) {
        return Optional.ofNullable(copies.getIfPresent(AIconKey.of(tenant, id))).map(Copy::aicon);
    }
}
