package dev.aicon.gateway.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.CacheConfig;
import dev.aicon.gateway.config.FeatureFlags;
import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.resilience.BackendGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Chooses the cache tier from {@code aicon.features.cache.enabled}; Redis is only touched when it is on. */
@ApplicationScoped
public class CacheProducer {

    /**
     * Made on the main thread at start, before the application counts as running (so before
     * {@link InvalidationRetry} first runs): looking for an earlier run's missed-invalidations marker reads the file
     * system, which must not happen on the event loop that would otherwise first need the cache.
     */
    @Produces
    @Singleton
    @Startup(ObserverMethod.DEFAULT_PRIORITY - 1)
    AIconCache cache(
            FeatureFlags flags,
            CacheConfig config,
            ResilienceConfig resilience,
            JournalConfig journal,
            ObjectMapper mapper,
            Instance<ReactiveRedisDataSource> redis,
            MeterRegistry registry) {
        if (!flags.isOn(FeatureFlags.Feature.cache)) {
            Log.info("cache tier: off (aicon.features.cache)");
            return new DisabledCache();
        }
        Log.infof("cache tier: Redis, entries live %s", config.ttl());
        BackendGuard guard = new BackendGuard("cache", resilience.cache(), failure -> true, registry);
        MissedInvalidations missed = new MissedInvalidations(Path.of(journal.dir()), registry);
        return new RolloutCache(
                new RedisAIconCache(
                        redis.get(),
                        config,
                        mapper,
                        guard,
                        registry,
                        missed,
                        resilience.cache().timeout()),
                flags);
    }
}
