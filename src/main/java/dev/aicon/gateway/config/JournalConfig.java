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

    /** Cap on pending journal bytes; past it, writes get 503 with Retry-After. */
    @WithDefault("256M")
    MemorySize maxBytes();

    /** How often the gateway checks whether the store is back and replays the journal. */
    @WithDefault("1s")
    Duration replayInterval();

    /** Seconds a client is told to wait ({@code Retry-After}) when the gateway cannot take a write. */
    @WithDefault("5")
    int retryAfterSeconds();
}
