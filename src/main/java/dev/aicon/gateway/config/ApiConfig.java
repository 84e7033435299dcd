package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code aicon.api.*}: paging and write-retry behaviour of the HTTP API. */
@ConfigMapping(prefix = "aicon.api")
public interface ApiConfig {

    /** Page size of a list when the client gives no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest {@code limit} a list accepts. */
    @WithDefault("500")
    int maxPageSize();

    /** Attempts of an unconditional write that keeps losing races with other writers before it answers 409. */
    @WithDefault("50")
    int writeAttempts();

    /** First back-off between such attempts; it grows up to {@link #writeBackoffMax()}, with jitter. */
    @WithDefault("2ms")
    Duration writeBackoff();

    /** Longest back-off between write attempts. */
    @WithDefault("50ms")
    Duration writeBackoffMax();
}
