package dev.aicon.gateway.service;

import dev.aicon.gateway.cache.DisabledCache;
import dev.aicon.gateway.config.ApiConfig;
import dev.aicon.gateway.config.BatchConfig;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.resilience.BackendGuard;
import dev.aicon.gateway.resilience.OutageRule;
import dev.aicon.gateway.store.GuardedStore;
import dev.aicon.gateway.store.memory.MemoryAIconStore;
import dev.aicon.gateway.support.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The write path's services built by hand on the real memory store, wrapped in its {@link GuardedStore} as
 * {@code StoreProducer} wraps it, with the configuration's defaults (journal in {@code journalDir}, cache off).
 */
final class MemoryStoreServices {

    /** Guards outside CDI share one registry of breakers per JVM, by name: each set of services names its own. */
    private static final AtomicInteger SETS = new AtomicInteger();

    final MemoryAIconStore memory = new MemoryAIconStore(true, 1000);
    final GuardedStore store;
    final DegradedMode degraded;
    final ConditionalWrites writes;
    final BatchWrites batchWrites;
    final AIconReads reads;
    final BatchConfig batches;

    MemoryStoreServices(Path journalDir) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ApiConfig.class)
                .withMapping(DocumentConfig.class)
                .withMapping(ResilienceConfig.class)
                .withMapping(JournalConfig.class)
                .withMapping(BatchConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("aicon.journal.dir", journalDir.toString())
                .build();
        ResilienceConfig resilience = config.getConfigMapping(ResilienceConfig.class);
        DocumentConfig documents = config.getConfigMapping(DocumentConfig.class);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BackendGuard guard =
                new BackendGuard("store-" + SETS.incrementAndGet(), resilience.store(), OutageRule::isOutage, registry);
        store = new GuardedStore(memory, guard, registry);
        degraded = new DegradedMode(
                config.getConfigMapping(JournalConfig.class), Fixtures.MAPPER, registry, new JournalOpening());
        DisabledCache cache = new DisabledCache();
        LastKnownCopies lastKnown = new LastKnownCopies(resilience);
        reads = new AIconReads(store, cache, degraded, lastKnown);
        batches = config.getConfigMapping(BatchConfig.class);
        DocumentCap cap = new DocumentCap(Fixtures.MAPPER, documents);
        writes = new ConditionalWrites(
                store, reads, cache, degraded, lastKnown, config.getConfigMapping(ApiConfig.class), documents, cap);
        batchWrites = new BatchWrites(store, reads, cache, lastKnown, degraded, cap);
    }
}
