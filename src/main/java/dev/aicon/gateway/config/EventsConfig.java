package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code aicon.events.*}: the change outbox and the SSE streams served from it. */
@ConfigMapping(prefix = "aicon.events")
public interface EventsConfig {

    /** Outbox events older than this are pruned; a client can resume from any id still kept. */
    @WithDefault("24h")
    Duration retention();

    /** How often outbox pruning runs. */
    @WithDefault("5m")
    Duration pruneInterval();

    /** A comment line is sent on idle streams this often, so proxies and clients keep the connection. */
    @WithDefault("15s")
    Duration heartbeat();

    /** The reconnect delay sent to clients ({@code retry:}) when a stream is cut off or the gateway stops. */
    @WithDefault("1s")
    Duration reconnectDelay();

    /** Unsent bytes a stream may queue for a slow client; past it the client is cut off and must resume. */
    @WithDefault("1M")
    MemorySize clientBufferBytes();

    /** The outbox is also polled this often, in case a notification was missed. */
    @WithDefault("1s")
    Duration pollInterval();

    /** On the file and memory stores, which keep the outbox in memory: the most events kept (the oldest go). */
    @WithDefault("100000")
    int memoryMaxEvents();

    /**
     * On PostgreSQL, how long a missing event id is waited for (a write that took the id has not committed yet)
     * before it is taken as a rolled-back write and skipped.
     */
    @WithDefault("5s")
    Duration gapTimeout();
}
