package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code aicon.journal.*}: the durable local journal of writes accepted while the store is down. */
@ConfigMapping(prefix = "aicon.journal")
public interface JournalConfig {

    /** Directory of the journal segments, the replay progress and the kept conflicts. */
    @WithDefault("${aicon.store.file.dir:./data}/journal")
    String dir();

    /**
     * Cap on pending journal bytes on disk; past it, writes get 503 {@code journal-full} with Retry-After. The
     * journal directory needs about this much plus one segment (16 MiB) and one document.
     */
    @WithDefault("512M")
    MemorySize maxBytes();

    /**
     * Cap on the AIcons with journaled writes (memory holds a small index entry for each, never a document); past
     * it, a write of another AIcon gets 503 {@code journal-full}.
     */
    @WithDefault("100000")
    int maxAicons();

    /** Heap budget of the cache of journaled documents that reads of journaled AIcons go through. */
    @WithDefault("16M")
    MemorySize overlayCacheMaxBytes();

    /** How often the gateway checks whether the store is back and replays the journal. */
    @WithDefault("1s")
    Duration replayInterval();

    /** Seconds a client is told to wait ({@code Retry-After}) when the gateway cannot take a write. */
    @WithDefault("5")
    int retryAfterSeconds();
}
