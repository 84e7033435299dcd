package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.VersionEntry;
import dev.aicon.gateway.support.Fixtures;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History, outbox and batch behaviour every backend promises; runs as part of {@link AIconStoreContract}. */
public abstract class StoreHistoryContract {

    protected abstract AIconStore store();

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    /** Creates the AIcon and writes it {@code versions - 1} more times, each at {@code at(version)}. */
    private AIcon writeVersions(String id, int versions, java.util.function.LongFunction<String> at) {
        AIcon current = await(store().write(new StoreWrite(
                TenantId.DEFAULT, Fixtures.sdkAIcon(id).stamped(1, at.apply(1)), 0, new StoreWrite.Replace())));
        for (long v = 2; v <= versions; v++) {
            AIcon next = current.withFactor(
                            "market_size",
                            current.factors().get("market_size").deepCopy().put("value", 1000.0 * v))
                    .stamped(v, at.apply(v));
            current = await(store().write(
                            new StoreWrite(TenantId.DEFAULT, next, v - 1, new StoreWrite.FactorPut("market_size"))));
        }
        return current;
    }

    private List<Long> allVersions(String id) {
        List<Long> found = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            VersionPage page = await(store().versions(TenantId.DEFAULT, id, before, 3));
            page.versions().forEach(v -> found.add(v.version()));
            if (page.nextBefore() == null) {
                return found;
            }
            before = page.nextBefore();
        }
    }

    @Test
    void everyWriteIsRecordedNewestFirstWithItsKind() {
        String id = Fixtures.uniqueId("history");
        writeVersions(id, 4, v -> Timestamps.now());
        VersionPage first = await(store().versions(TenantId.DEFAULT, id, Long.MAX_VALUE, 2));
        assertEquals(
                List.of(4L, 3L),
                first.versions().stream().map(VersionEntry::version).toList());
        assertEquals(ChangeKind.factor_updated, first.versions().get(0).kind());
        assertEquals(3L, first.nextBefore());
        VersionPage last = await(store().versions(TenantId.DEFAULT, id, first.nextBefore(), 2));
        assertEquals(
                List.of(2L, 1L),
                last.versions().stream().map(VersionEntry::version).toList());
        assertEquals(ChangeKind.created, last.versions().get(1).kind());
        assertEquals(null, last.nextBefore());
        AIcon second = await(store().version(TenantId.DEFAULT, id, 2)).orElseThrow();
        assertEquals(2000.0, second.factors().get("market_size").get("value").asDouble());
        assertEquals(2, second.version());
        assertEquals(Optional.empty(), await(store().version(TenantId.DEFAULT, id, 9)));
    }

    @Test
    void pruningKeepsTheLastNAndTheCurrentVersion() {
        String id = Fixtures.uniqueId("prune-count");
        writeVersions(id, 10, v -> Timestamps.now());
        await(store().pruneHistory(new HistoryRetention(3, null)));
        assertEquals(List.of(10L, 9L, 8L), allVersions(id));
    }

    @Test
    void pruningByAgeKeepsNewerVersionsAndAlwaysTheCurrentOne() {
        String id = Fixtures.uniqueId("prune-age");
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        writeVersions(id, 6, v -> Timestamps.format(v <= 4 ? old.plusSeconds(v) : Instant.now()));
        await(store().pruneHistory(new HistoryRetention(0, Instant.now().minus(Duration.ofDays(1)))));
        assertEquals(List.of(6L, 5L), allVersions(id));

        String allOld = Fixtures.uniqueId("prune-age-all");
        writeVersions(allOld, 3, v -> Timestamps.format(old.plusSeconds(v)));
        await(store().pruneHistory(new HistoryRetention(0, Instant.now())));
        assertEquals(List.of(3L), allVersions(allOld));
    }

    @Test
    void deletingAnAIconRemovesItsHistory() {
        String id = Fixtures.uniqueId("history-delete");
        writeVersions(id, 3, v -> Timestamps.now());
        await(store().delete(TenantId.DEFAULT, id, 3));
        assertEquals(List.of(), allVersions(id));
    }

    @Test
    void everyAcceptedWriteAddsOneEventInOrder() {
        String id = Fixtures.uniqueId("events");
        long before = await(store().eventRange()).newest();
        AIcon current = writeVersions(id, 2, v -> Timestamps.now());
        AIcon attributes = current.withAttributes(
                        current.attributes().deepCopy().put("is_running", true))
                .stamped(3, Timestamps.now());
        await(store().write(new StoreWrite(TenantId.DEFAULT, attributes, 2, new StoreWrite.Attributes())));
        assertThrows(
                VersionConflict.class,
                () -> await(store().write(new StoreWrite(
                        TenantId.DEFAULT, attributes.stamped(4, Timestamps.now()), 2, new StoreWrite.Attributes()))));
        await(store().write(new StoreWrite(
                TenantId.DEFAULT, attributes.stamped(4, Timestamps.now()), 3, new StoreWrite.Brain())));
        await(store().delete(TenantId.DEFAULT, id, 4));

        List<ChangeEvent> events =
                await(store().events(new EventQuery(TenantId.DEFAULT, before, Long.MAX_VALUE, id, null, 100)));
        assertEquals(
                List.of(
                        ChangeKind.created,
                        ChangeKind.factor_updated,
                        ChangeKind.updated,
                        ChangeKind.brain_updated,
                        ChangeKind.deleted),
                events.stream().map(ChangeEvent::kind).toList());
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 4L),
                events.stream().map(ChangeEvent::version).toList());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id(), "ids increase");
        }
        assertEquals("marketing", events.get(4).aiconType());
        assertTrue(await(store().eventRange()).newest() >= events.get(4).id());
        List<ChangeEvent> byType = await(store().events(
                        new EventQuery(TenantId.DEFAULT, before, events.get(1).id(), null, "marketing", 100)));
        assertTrue(byType.stream().allMatch(e -> e.aiconType().equals("marketing")));
        assertTrue(byType.stream().anyMatch(e -> e.id() == events.get(1).id()));
        assertTrue(byType.stream().noneMatch(e -> e.id() > events.get(1).id()));
    }

    @Test
    void pruningEventsKeepsRecentOnesAndTheNewest() {
        String id = Fixtures.uniqueId("events-prune");
        long before = await(store().eventRange()).newest();
        writeVersions(id, 2, v -> Timestamps.now());
        await(store().pruneEvents(Instant.now().minus(Duration.ofHours(1))));
        assertEquals(
                2,
                await(store().events(new EventQuery(TenantId.DEFAULT, before, Long.MAX_VALUE, id, null, 10)))
                        .size());
        await(store().pruneEvents(Instant.now().plus(Duration.ofHours(1))));
        AIconStore.EventRange range = await(store().eventRange());
        assertEquals(range.oldest(), range.newest(), "only the newest event is left");
    }

    @Test
    void getAllReturnsTheFoundOnes() {
        String a = Fixtures.uniqueId("all-a");
        String b = Fixtures.uniqueId("all-b");
        writeVersions(a, 1, v -> Timestamps.now());
        writeVersions(b, 2, v -> Timestamps.now());
        Map<String, AIcon> found = await(store().getAll(TenantId.DEFAULT, List.of(a, Fixtures.uniqueId("none"), b)));
        assertEquals(2, found.size());
        assertEquals(1, found.get(a).version());
        assertEquals(2, found.get(b).version());
        assertEquals(
                Fixtures.sdkAIcon(a).factors().keySet(), found.get(a).factors().keySet());
    }

    @Test
    void writeAllAppliesEveryWriteOrNone() {
        String existing = Fixtures.uniqueId("batch-existing");
        AIcon current = writeVersions(existing, 2, v -> Timestamps.now());
        String fresh = Fixtures.uniqueId("batch-fresh");
        StoreWrite create = new StoreWrite(
                TenantId.DEFAULT, Fixtures.sdkAIcon(fresh).stamped(1, Timestamps.now()), 0, new StoreWrite.Replace());
        StoreWrite stale =
                new StoreWrite(TenantId.DEFAULT, current.stamped(2, Timestamps.now()), 1, new StoreWrite.Replace());
        long eventsBefore = await(store().eventRange()).newest();

        assertThrows(VersionConflict.class, () -> await(store().writeAll(List.of(create, stale))));
        assertEquals(Optional.empty(), await(store().get(TenantId.DEFAULT, fresh)));
        assertEquals(
                2, await(store().get(TenantId.DEFAULT, existing)).orElseThrow().version());
        assertEquals(
                List.of(),
                await(store().events(new EventQuery(TenantId.DEFAULT, eventsBefore, Long.MAX_VALUE, fresh, null, 10))));

        StoreWrite update =
                new StoreWrite(TenantId.DEFAULT, current.stamped(3, Timestamps.now()), 2, new StoreWrite.Replace());
        List<AIcon> written = await(store().writeAll(List.of(create, update)));
        assertEquals(2, written.size());
        assertEquals(
                1, await(store().get(TenantId.DEFAULT, fresh)).orElseThrow().version());
        assertEquals(
                3, await(store().get(TenantId.DEFAULT, existing)).orElseThrow().version());
        assertEquals(List.of(3L, 2L, 1L), allVersions(existing));
    }
}
