package dev.aicon.gateway.journal;

import dev.aicon.gateway.domain.AIcon;
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
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    @TempDir
    Path dir;

    private static StoreWrite factorWrite(String id, long expected) {
        AIcon base = Fixtures.sdkAIcon(id);
        AIcon next = base.withFactor("f" + expected, Fixtures.json("{\"type\":\"continuous\",\"value\":1}"))
                .stamped(expected + 1, Timestamps.now());
        return new StoreWrite(next, expected, new StoreWrite.FactorPut("f" + expected));
    }

    private static long segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).count();
        }
    }

    @Test
    void acknowledgedEntriesSurviveAReopenInOrderAndReplayedOnesDoNot() throws IOException {
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, 1 << 20)) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 2)));
            journal.append(seq -> JournalEntry.ofDelete(seq, "b", 4));
            journal.markReplayed(1);
        }
        try (Journal reopened = Journal.open(dir, Fixtures.MAPPER, 1 << 20)) {
            List<JournalEntry> pending = reopened.pending();
            assertEquals(List.of(2L, 3L), pending.stream().map(JournalEntry::seq).toList());
            assertEquals(3, pending.get(0).next().version());
            assertEquals(new StoreWrite.FactorPut("f2"), pending.get(0).write().change());
            assertEquals(factorWrite("a", 2).next().factors(), pending.get(0).next().factors());
            assertTrue(pending.get(1).isDelete());
            assertEquals(4, pending.get(1).expectedVersion());
            JournalEntry next = reopened.append(seq -> JournalEntry.ofDelete(seq, "c", 1));
            assertEquals(4, next.seq(), "sequence numbers continue after a reopen");
        }
    }

    @Test
    void aFullyReplayedJournalIsTruncated() throws IOException {
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, 1 << 20)) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 2)));
            assertEquals(1, segments(dir));
            journal.markReplayed(2);
            assertEquals(0, journal.depth());
            assertEquals(0, journal.bytes());
            assertEquals(0, segments(dir));
        }
    }

    @Test
    void aTornLastLineIsIgnoredButDamageElsewhereStopsTheStart() throws IOException {
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, 1 << 20)) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"seq\":2,\"id\":\"a\",\"exp", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Journal reopened = Journal.open(dir, Fixtures.MAPPER, 1 << 20)) {
            assertEquals(1, reopened.depth());
        }
        Files.writeString(segment, "garbage\n" + Files.readString(segment));
        assertThrows(IllegalStateException.class, () -> Journal.open(dir, Fixtures.MAPPER, 1 << 20));
    }

    @Test
    void pastTheCapNothingIsWritten() throws IOException {
        long entryBytes;
        try (Journal sizing = Journal.open(dir.resolve("sizing"), Fixtures.MAPPER, 1 << 20)) {
            sizing.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            entryBytes = sizing.bytes();
        }
        long cap = entryBytes + entryBytes / 2;
        try (Journal journal = Journal.open(dir, Fixtures.MAPPER, cap)) {
            journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 1)));
            assertThrows(JournalFull.class, () -> journal.append(seq -> JournalEntry.ofWrite(seq, factorWrite("a", 2))));
            assertEquals(1, journal.depth());
        }
        try (Journal reopened = Journal.open(dir, Fixtures.MAPPER, cap)) {
            assertEquals(1, reopened.depth());
        }
    }
}
