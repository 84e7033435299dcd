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

    /**
     * SSE streams this gateway serves at once; past it a new stream is answered 429 {@code too-many-streams}. Each
     * stream holds at most {@code client-buffer-bytes} plus one replay page, so this caps the memory of all streams.
     */
    @WithDefault("128")
    int maxStreams();

    /**
     * SSE streams one client address may hold open at once (the socket's remote address, or the forwarded one when
     * {@code quarkus.http.proxy.proxy-address-forwarding} is on); past it a new stream is answered 429.
     */
    @WithDefault("32")
    int maxStreamsPerClient();

    /** The {@code Retry-After} sent with a 429 {@code too-many-streams}. */
    @WithDefault("5s")
    Duration streamsRetryAfter();

    /**
     * Outbox events read at a time when a stream replays from {@code Last-Event-ID}; the next page is read once
     * the client has taken the previous one. Also the most live events a replaying stream holds.
     */
    @WithDefault("500")
    int replayPageSize();

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
