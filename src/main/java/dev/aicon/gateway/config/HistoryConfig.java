package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code aicon.history.*}: recorded versions of each AIcon and how long they are kept. */
@ConfigMapping(prefix = "aicon.history")
public interface HistoryConfig {

    /** Whether every accepted write records the version it produced (off: no versions, no restore). */
    @WithDefault("true")
    @WithConverter(StrictBoolean.class)
    boolean enabled();

    /** Versions kept per AIcon, the current one included (0: no count limit). */
    @WithDefault("100")
    int keepLast();

    /** Versions older than this are removed, except the current one (unset: no age limit). */
    Optional<Duration> maxAge();

    /** How often the pruning job runs. */
    @WithDefault("5m")
    Duration pruneInterval();
}
