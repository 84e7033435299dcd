package dev.aicon.gateway.journal;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private static StoreWrite factorWrite(String id, long expected) {
        AIcon base = Fixtures.sdkAIcon(id);
        AIcon next = base.withFactor("f" + expected, Fixtures.json("{\"type\":\"continuous\",\"value\":1}"))
                .stamped(expected + 1, Timestamps.now());
        return new StoreWrite(TenantId.DEFAULT, next, expected, new StoreWrite.FactorPut("f" + expected));
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-"))
                    .sorted()
                    .toList();
        }
    }

    private static Journal open(Path dir, long maxBytes, List<EntryRef> pending) throws IOException {
        return Journal.open(dir, Fixtures.MAPPER, maxBytes, pending::add);
    }

    private static JournalEntry body(Journal journal, EntryRef ref) throws IOException {
        return journal.read(ref).orElseThrow();
    }

    @Test
    void acknowledgedEntriesSurviveAReopenInOrderAndReplayedOnesDoNot() throws IOException {
        try (Journal journal = open(dir, MIB, new ArrayList<>())) {
            EntryRef first = journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)))
                    .ref();
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 2)));
            journal.append(seq -> JournalEntry.ofDelete(seq, TenantId.DEFAULT, "b", 4));
            journal.markReplayed(first);
        }
        List<EntryRef> pending = new ArrayList<>();
        try (Journal reopened = open(dir, MIB, pending)) {
            assertEquals(List.of(2L, 3L), pending.stream().map(EntryRef::seq).toList());
            assertEquals(pending, reopened.nextPending(10), "replay reads the same entries from disk");
            assertEquals(3, pending.get(0).version());
            JournalEntry write = body(reopened, pending.get(0));
            assertEquals(3, write.next().version());
            assertEquals(new StoreWrite.FactorPut("f2"), write.write().change());
            assertEquals(factorWrite("a", 2).next().factors(), write.next().factors());
            assertTrue(pending.get(1).isDelete());
            assertEquals(5, pending.get(1).tombstone());
            assertTrue(body(reopened, pending.get(1)).isDelete());
            assertEquals(4, body(reopened, pending.get(1)).expectedVersion());
            JournalEntry next = reopened.append(seq -> JournalEntry.ofDelete(seq, TenantId.DEFAULT, "c", 1))
                    .entry();
            assertEquals(4, next.seq(), "sequence numbers continue after a reopen");
            assertEquals(3, reopened.depth());
        }
    }

    @Test
    void aFullyReplayedJournalIsTruncatedAndItsEntriesCannotBeReadAnyMore() throws IOException {
        try (Journal journal = open(dir, MIB, new ArrayList<>())) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            EntryRef last = journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 2)))
                    .ref();
            assertEquals(1, segments(dir).size());
            journal.markReplayed(last);
            assertEquals(0, journal.depth());
            assertEquals(0, journal.bytes());
            assertEquals(0, segments(dir).size());
            assertTrue(journal.read(last).isEmpty());
            assertEquals(List.of(), journal.nextPending(10));
            EntryRef after = journal.append(seq -> JournalEntry.ofDelete(seq, TenantId.DEFAULT, "a", 3))
                    .ref();
            assertEquals(List.of(after), journal.nextPending(10));
        }
    }

    @Test
    void aTornLastLineIsCutOffButDamageElsewhereStopsTheStart() throws IOException {
        try (Journal journal = open(dir, MIB, new ArrayList<>())) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
        }
        Path segment = segments(dir).get(0);
        long whole = Files.size(segment);
        Files.writeString(segment, "{\"seq\":2,\"id\":\"a\",\"exp", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal reopened = open(dir, MIB, new ArrayList<>())) {
            assertEquals(1, reopened.depth());
            assertEquals(whole, Files.size(segment), "the torn line is cut off");
            assertEquals(
                    2,
                    reopened.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 2)))
                            .entry()
                            .seq());
        }
        try (Journal again = open(dir, MIB, new ArrayList<>())) {
            assertEquals(2, again.depth(), "a cut-off line in an older segment no longer stops the start");
        }
        Files.writeString(segment, "garbage\n" + Files.readString(segment));
        assertThrows(IllegalStateException.class, () -> open(dir, MIB, new ArrayList<>()));
    }

    @Test
    void pastTheCapNothingIsWritten() throws IOException {
        long entryBytes;
        try (Journal sizing = open(dir.resolve("sizing"), MIB, new ArrayList<>())) {
            sizing.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            entryBytes = sizing.bytes();
        }
        long cap = entryBytes + entryBytes / 2;
        try (Journal journal = open(dir, cap, new ArrayList<>())) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            assertThrows(
                    JournalFull.class, () -> journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 2))));
            assertEquals(1, journal.depth());
        }
        try (Journal reopened = open(dir, cap, new ArrayList<>())) {
            assertEquals(1, reopened.depth());
            assertEquals(entryBytes, reopened.bytes());
        }
    }

    @Test
    void segmentsRollOverAndEachIsDeletedOnceReplayedWhileCountersFollow() throws IOException {
        List<EntryRef> written = new ArrayList<>();
        long total = 0;
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, MIB, 2048, ref -> {})) {
            for (int i = 1; i <= 30; i++) {
                long expected = i;
                written.add(journal.append(
                                seq -> JournalEntry.ofWrite(seq, factorWrite("id-" + expected % 3, expected)))
                        .ref());
                total += written.get(written.size() - 1).length() + 1;
            }
            int segmentCount = segments(dir).size();
            assertTrue(segmentCount > 3, segmentCount + " segments");
            assertEquals(30, journal.depth());
            assertEquals(total, journal.bytes());
            assertEquals(written.subList(0, 7), journal.nextPending(7));

            journal.markReplayed(written.get(11));
            assertEquals(18, journal.depth());
            assertEquals(total - bytesOf(written.subList(0, 12)), journal.bytes());
            assertTrue(segments(dir).size() < segmentCount, "fully replayed segments are deleted");
            assertEquals(written.subList(12, 30), journal.nextPending(100));
        }
        List<EntryRef> pending = new ArrayList<>();
        try (Journal reopened = Journal.open(dir, Fixtures.MAPPER, MIB, 2048, pending::add)) {
            assertEquals(written.subList(12, 30), pending);
            assertEquals(18, reopened.depth());
            assertEquals(total - bytesOf(written.subList(0, 12)), reopened.bytes());
            for (EntryRef ref : pending) {
                assertEquals(ref.version(), body(reopened, ref).next().version());
                assertEquals(ref.id(), body(reopened, ref).id());
            }
            reopened.markReplayed(pending.get(pending.size() - 1));
            assertEquals(0, reopened.depth());
            assertEquals(0, reopened.bytes());
            assertEquals(List.of(), segments(dir));
        }
    }

    private static long bytesOf(List<EntryRef> refs) {
        return refs.stream().mapToLong(ref -> ref.length() + 1L).sum();
    }

    @Test
    void sizesNeverWaitForAnAppendInProgress() throws Exception {
        try (Journal journal = open(dir, MIB, new ArrayList<>())) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread appender = new Thread(() -> {
                synchronized (journal) {
                    held.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            appender.start();
            try {
                assertTrue(held.await(5, TimeUnit.SECONDS));
                assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
                    assertEquals(1, journal.depth());
                    assertTrue(journal.bytes() > 0);
                });
            } finally {
                release.countDown();
                appender.join();
            }
        }
    }

    @Test
    void entriesCarryTheirTenantAndAnEntryWrittenBeforeTenantsReplaysAsTenantDefault() throws IOException {
        TenantId acme = new TenantId("acme");
        try (Journal journal = open(dir, MIB, new ArrayList<>())) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("old", 1)));
            journal.append(seq -> JournalEntry.ofDelete(seq, TenantId.DEFAULT, "old-delete", 2));
            AIcon next = Fixtures.sdkAIcon("same").stamped(1, Timestamps.now());
            journal.append(seq -> JournalEntry.ofWrite(seq, new StoreWrite(acme, next, 0, new StoreWrite.Replace())));
        }
        Path segment = segments(dir).get(0);
        String lines = Files.readString(segment);
        assertTrue(lines.contains("\"tenant\":\"acme\""), lines);
        // The format before tenants: the same lines without a tenant field.
        Files.writeString(segment, lines.replace("\"tenant\":\"default\",", ""));
        assertFalse(Files.readString(segment).contains("\"tenant\":\"default\""));

        List<EntryRef> pending = new ArrayList<>();
        try (Journal reopened = open(dir, MIB, pending)) {
            assertEquals(
                    List.of(TenantId.DEFAULT, TenantId.DEFAULT, acme),
                    pending.stream().map(EntryRef::tenant).toList());
            JournalEntry old = body(reopened, pending.get(0));
            assertEquals(TenantId.DEFAULT, old.tenant());
            assertEquals(TenantId.DEFAULT, old.write().tenant());
            assertEquals(TenantId.DEFAULT, body(reopened, pending.get(1)).tenant());
            JournalEntry ofAcme = body(reopened, pending.get(2));
            assertEquals(acme, ofAcme.write().tenant());
            assertEquals(AIconKey.of(acme, "same"), ofAcme.key());
        }
    }
}
