package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code aicon.audit.*}: how long the audit trail keeps its records, and how the file backend bounds its segments. */
@ConfigMapping(prefix = "aicon.audit")
public interface AuditConfig {

    /** Records older than this are removed by the pruning job. */
    @WithDefault("90d")
    Duration retention();

    /** How often the pruning job runs. */
    @WithDefault("1h")
    Duration pruneInterval();

    /** Settings of the file backend's audit segments. */
    File file();

    interface File {

        /** A segment ({@code audit/audit-<first id>.jsonl}) past this size is closed and a new one begun. */
        @WithDefault("16M")
        MemorySize segmentBytes();

        /** Most segments kept; past it the oldest goes even inside the retention (logged), so the disk stays bounded. */
        @WithDefault("64")
        int maxSegments();

        /** Appends that may wait for the audit writer thread; past it an append fails (and is logged by its caller). */
        @WithDefault("10000")
        int queue();
    }
}
