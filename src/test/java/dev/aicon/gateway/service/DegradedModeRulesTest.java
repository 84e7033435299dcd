package dev.aicon.gateway.service;

import dev.aicon.gateway.config.JournalConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.journal.JournalFull;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import dev.aicon.gateway.support.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules {@link DegradedMode} keeps when it takes a write while the store is unavailable, on a real journal in a
 * temporary directory, without starting Quarkus: one base version per journaled AIcon, the cap on journaled AIcons,
 * and journaled writes that outlive a restart.
 */
class DegradedModeRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private DegradedMode open(int maxAIcons) throws IOException {
        JournalConfig config = new SmallRyeConfigBuilder()
                .withMapping(JournalConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("aicon.journal.dir", dir.toString())
                .withDefaultValue("aicon.journal.max-aicons", Integer.toString(maxAIcons))
                .build()
                .getConfigMapping(JournalConfig.class);
        return new DegradedMode(config, Fixtures.MAPPER, new SimpleMeterRegistry(), new JournalOpening());
    }

    /** Journals the write of {@code id}'s version after {@code expected}, as the write path does. */
    private static JournalEntry journal(DegradedMode degraded, String id, long expected) {
        AIcon next = Fixtures.sdkAIcon(id).stamped(expected + 1, Timestamps.now());
        StoreWrite write = new StoreWrite(TenantId.DEFAULT, next, expected, new StoreWrite.Replace());
        return degraded.accept(TenantId.DEFAULT, id, expected, seq -> JournalEntry.ofWrite(seq, write))
                .await()
                .atMost(WAIT);
    }

    @Test
    void aWriteBuiltOnAnotherVersionThanTheJournaledOneIsAVersionConflictAndNotJournaled() throws IOException {
        DegradedMode degraded = open(100);
        try {
            journal(degraded, "a", 4);
            assertThrows(VersionConflict.class, () -> journal(degraded, "a", 4));
            assertEquals(1, degraded.depth(), "the conflicting write was not appended");
            journal(degraded, "a", 5);
            assertEquals(2, degraded.depth(), "a write built on the journaled version is appended");
        } finally {
            degraded.close();
        }
    }

    @Test
    void pastMaxAIconsAWriteOfAnotherAIconIsJournalFullWhileTheJournaledOneStillTakesWrites() throws IOException {
        DegradedMode degraded = open(1);
        try {
            journal(degraded, "a", 1);
            JournalFull full = assertThrows(JournalFull.class, () -> journal(degraded, "b", 1));
            assertEquals(FailureKind.JOURNAL_FULL, full.kind());
            assertFalse(degraded.isPending(TenantId.DEFAULT, "b"));
            assertFalse(degraded.hasRoom());
            journal(degraded, "a", 2);
            assertEquals(2, degraded.depth());
        } finally {
            degraded.close();
        }
    }

    @Test
    void aJournaledWriteIsServedAgainAfterARestart() throws IOException {
        DegradedMode first = open(100);
        try {
            journal(first, "a", 6);
        } finally {
            first.close();
        }
        DegradedMode restarted = open(100);
        try {
            assertTrue(restarted.isPending(TenantId.DEFAULT, "a"));
            PendingWrites.State state = restarted
                    .pendingState(TenantId.DEFAULT, "a")
                    .await()
                    .atMost(WAIT)
                    .orElseThrow();
            AIcon served = state.aicon().orElseThrow();
            assertEquals(7, served.version());
            assertEquals(Fixtures.sdkAIcon("a").factors(), served.factors());
        } finally {
            restarted.close();
        }
    }
}
