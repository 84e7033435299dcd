package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.journal.EntryRef;
import dev.aicon.gateway.journal.Journal;
import dev.aicon.gateway.journal.JournalEntry;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static StoreWrite write(String id, long expected) {
        AIcon next = Fixtures.sdkAIcon(id)
                .withFactor("f" + expected, Fixtures.json("{\"type\":\"continuous\",\"value\":1}"))
                .stamped(expected + 1, Timestamps.now());
        return new StoreWrite(TenantId.DEFAULT, next, expected, new StoreWrite.FactorPut("f" + expected));
    }

    @Test
    void aRestartedOverlayHoldsOnlyWhereEntriesLieAndReadsTheirDocumentsFromDisk() throws IOException {
        StoreWrite newest = write("a", 2);
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, 1 << 20, ref -> {})) {
            journal.append(seq -> JournalEntry.ofWrite(seq, write("a", 1)));
            journal.append(seq -> JournalEntry.ofWrite(seq, newest));
            journal.append(seq -> JournalEntry.ofDelete(seq, TenantId.DEFAULT, "b", 4));
        }
        AtomicInteger diskReads = new AtomicInteger();
        Journal[] opened = new Journal[1];
        PendingWrites overlay = new PendingWrites(
                ref -> {
                    diskReads.incrementAndGet();
                    return opened[0].read(ref);
                },
                1 << 20);
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, 1 << 20, overlay::apply)) {
            opened[0] = journal;
            assertEquals(2, overlay.size());
            EntryRef a = overlay.get(TenantId.DEFAULT, "a").orElseThrow();
            assertEquals(2, a.seq());
            assertEquals(3, a.version());
            assertEquals(5, overlay.get(TenantId.DEFAULT, "b").orElseThrow().tombstone());

            PendingWrites.State state =
                    overlay.read(TenantId.DEFAULT, "a").await().atMost(WAIT).orElseThrow();
            assertEquals(newest.next().toDocument(), state.aicon().orElseThrow().toDocument());
            overlay.read(TenantId.DEFAULT, "a").await().atMost(WAIT);
            assertEquals(1, diskReads.get(), "a document read once is served from the cache");

            PendingWrites.State deleted =
                    overlay.read(TenantId.DEFAULT, "b").await().atMost(WAIT).orElseThrow();
            assertTrue(deleted.aicon().isEmpty());
            assertEquals(5, deleted.tombstone());
            assertEquals(1, diskReads.get(), "a delete needs no document");
            assertEquals(
                    Optional.empty(),
                    overlay.read(TenantId.DEFAULT, "never-journaled").await().atMost(WAIT));
        }
    }

    @Test
    void anEntryJournaledNowIsServedWithoutTheDiskAndOneReplayedMeanwhileIsNotServed() throws IOException {
        AtomicInteger diskReads = new AtomicInteger();
        Journal[] opened = new Journal[1];
        PendingWrites overlay = new PendingWrites(
                ref -> {
                    diskReads.incrementAndGet();
                    return opened[0].read(ref);
                },
                1);
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, 1 << 20, overlay::apply)) {
            opened[0] = journal;
            Journal.Appended appended = journal.append(seq -> JournalEntry.ofWrite(seq, write("a", 1)));
            overlay.apply(appended.entry(), appended.ref());
            assertEquals(
                    2,
                    overlay.read(TenantId.DEFAULT, "a")
                            .await()
                            .atMost(WAIT)
                            .orElseThrow()
                            .aicon()
                            .orElseThrow()
                            .version());

            journal.markReplayed(appended.ref());
            assertEquals(
                    Optional.empty(),
                    overlay.read(TenantId.DEFAULT, "a").await().atMost(WAIT),
                    "an entry replayed and deleted before its read is left to the store");
            assertTrue(diskReads.get() >= 1);
            overlay.release(AIconKey.of(TenantId.DEFAULT, "a"), appended.ref().seq());
            assertEquals(0, overlay.size());
        }
    }
}
