package dev.aicon.gateway.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.VersionEntry;
import dev.aicon.gateway.support.Fixtures;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour every {@link AIconStore} backend promises; one subclass per backend runs it for real. */
public abstract class AIconStoreContract extends StoreHistoryContract {

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    private AIcon create(String id) {
        AIcon next = Fixtures.sdkAIcon(id).stamped(1, Timestamps.now());
        return await(store().write(new StoreWrite(TenantId.DEFAULT, next, 0, new StoreWrite.Replace())));
    }

    private AIcon write(AIcon current, AIcon content, StoreWrite.Change change) {
        AIcon next = content.stamped(current.version() + 1, Timestamps.now());
        return await(store().write(new StoreWrite(TenantId.DEFAULT, next, current.version(), change)));
    }

    private AIcon read(String id) {
        return await(store().get(TenantId.DEFAULT, id)).orElseThrow();
    }

    @Test
    void missingAIconReadsAsEmpty() {
        assertEquals(Optional.empty(), await(store().get(TenantId.DEFAULT, Fixtures.uniqueId("missing"))));
    }

    @Test
    void createdAIconReadsBackWithEveryFieldAndFactorOrder() {
        String id = Fixtures.uniqueId("roundtrip");
        AIcon created = create(id);
        AIcon read = read(id);
        assertEquals(1, read.version());
        assertEquals(created.updatedAt(), read.updatedAt());
        ObjectNode expected = Fixtures.sdkDocument(id);
        ObjectNode actual = read.toDocument();
        actual.remove(List.of(AIcon.VERSION, AIcon.UPDATED_AT));
        assertEquals(expected, actual);
        assertEquals(
                List.of("market_size", "conversion_rate", "channel", "ad_slots", "daily_clicks"),
                new ArrayList<>(read.factors().keySet()));
        assertEquals(1e-300, actual.at("/utility_config/risk_aversion").doubleValue());
        assertEquals(1.7e308, actual.at("/utility_config/budget_cap").doubleValue());
    }

    @Test
    void creatingAnExistingAIconConflictsAndKeepsTheStoredOne() {
        String id = Fixtures.uniqueId("twice");
        create(id);
        AIcon other = Fixtures.sdkAIcon(id).withoutFactor("daily_clicks").stamped(1, Timestamps.now());
        assertThrows(
                VersionConflict.class,
                () -> await(store().write(new StoreWrite(TenantId.DEFAULT, other, 0, new StoreWrite.Replace()))));
        assertTrue(read(id).factors().containsKey("daily_clicks"));
    }

    @Test
    void staleReplaceConflictsAndChangesNothing() {
        String id = Fixtures.uniqueId("stale");
        AIcon v1 = create(id);
        AIcon v2 = write(v1, v1.withoutFactor("daily_clicks"), new StoreWrite.Replace());
        AIcon stale = v1.withFactor("extra", v1.factors().get("market_size")).stamped(2, Timestamps.now());
        assertThrows(
                VersionConflict.class,
                () -> await(store().write(new StoreWrite(TenantId.DEFAULT, stale, 1, new StoreWrite.Replace()))));
        AIcon read = read(id);
        assertEquals(2, read.version());
        assertEquals(v2.factors(), read.factors());
    }

    @Test
    void replaceDropsFactorsNoLongerInTheDocument() {
        String id = Fixtures.uniqueId("replace");
        AIcon v1 = create(id);
        write(v1, v1.withoutFactor("daily_clicks").withoutFactor("ad_slots"), new StoreWrite.Replace());
        assertEquals(
                List.of("market_size", "conversion_rate", "channel"),
                new ArrayList<>(read(id).factors().keySet()));
    }

    @Test
    void factorPutChangesThatFactorAndBumpsTheVersion() {
        String id = Fixtures.uniqueId("factor");
        AIcon v1 = create(id);
        ObjectNode changed = v1.factors().get("market_size").deepCopy().put("value", 12345.5);
        ObjectNode added = Fixtures.json("{\"type\":\"continuous\",\"value\":1.5}");
        AIcon v2 = write(v1, v1.withFactor("market_size", changed), new StoreWrite.FactorPut("market_size"));
        write(v2, v2.withFactor("added", added), new StoreWrite.FactorPut("added"));
        AIcon read = read(id);
        assertEquals(3, read.version());
        assertEquals(12345.5, read.factors().get("market_size").get("value").doubleValue());
        assertEquals(added, read.factors().get("added"));
        assertEquals("added", new ArrayList<>(read.factors().keySet()).get(5));
        assertEquals(v1.factors().get("channel"), read.factors().get("channel"));
        assertEquals(v1.attributes(), read.attributes());
    }

    @Test
    void factorDeleteRemovesOnlyThatFactor() {
        String id = Fixtures.uniqueId("factor-delete");
        AIcon v1 = create(id);
        write(v1, v1.withoutFactor("conversion_rate"), new StoreWrite.FactorDelete("conversion_rate"));
        AIcon read = read(id);
        assertEquals(2, read.version());
        assertEquals(v1.withoutFactor("conversion_rate").factors(), read.factors());
    }

    @Test
    void attributesWriteKeepsTheFactors() {
        String id = Fixtures.uniqueId("attributes");
        AIcon v1 = create(id);
        ObjectNode attributes = v1.attributes().deepCopy().put("name", "Renamed");
        write(v1, v1.withAttributes(attributes), new StoreWrite.Attributes());
        AIcon read = read(id);
        assertEquals("Renamed", read.name());
        assertEquals(v1.factors(), read.factors());
    }

    @Test
    void deleteHonoursTheExpectedVersion() {
        String id = Fixtures.uniqueId("delete");
        create(id);
        assertThrows(VersionConflict.class, () -> await(store().delete(TenantId.DEFAULT, id, 7)));
        assertTrue(await(store().get(TenantId.DEFAULT, id)).isPresent());
        await(store().delete(TenantId.DEFAULT, id, 1));
        assertFalse(await(store().get(TenantId.DEFAULT, id)).isPresent());
        assertThrows(VersionConflict.class, () -> await(store().delete(TenantId.DEFAULT, id, 1)));
    }

    /** Creates the AIcon, writes it to version 3 and deletes it; the delete consumes version 4. */
    protected AIcon createUpdateAndDelete(String id) {
        AIcon v1 = create(id);
        AIcon v2 = write(v1, v1.withoutFactor("daily_clicks"), new StoreWrite.Replace());
        AIcon v3 =
                write(v2, v2.withAttributes(v2.attributes().deepCopy().put("name", "v3")), new StoreWrite.Attributes());
        await(store().delete(TenantId.DEFAULT, id, 3));
        return v3;
    }

    @Test
    void aDeleteLeavesATombstoneOfTheVersionItConsumed() {
        String deleted = Fixtures.uniqueId("tombstone");
        String stored = Fixtures.uniqueId("tombstone-stored");
        String never = Fixtures.uniqueId("tombstone-never");
        createUpdateAndDelete(deleted);
        create(stored);
        Map<String, Current> current = await(store().currentAll(TenantId.DEFAULT, List.of(deleted, stored, never)));
        assertEquals(Current.deleted(4), current.get(deleted));
        assertEquals(1, current.get(stored).aicon().orElseThrow().version());
        assertEquals(Current.deleted(0), current.get(never));
        assertEquals(5, await(store().current(TenantId.DEFAULT, deleted)).nextVersion());
        assertEquals(Optional.empty(), await(store().get(TenantId.DEFAULT, deleted)), "a tombstone is not an AIcon");
    }

    @Test
    void aReCreatedAIconContinuesItsIdsVersionsAndStartsAFreshHistory() {
        String id = Fixtures.uniqueId("incarnation");
        long eventsBefore = await(store().eventRange()).newest();
        createUpdateAndDelete(id);
        AIcon restarted = Fixtures.sdkAIcon(id).stamped(1, Timestamps.now());
        assertThrows(
                VersionConflict.class,
                () -> await(store().write(new StoreWrite(TenantId.DEFAULT, restarted, 0, new StoreWrite.Replace()))),
                "a create may not reuse version 1 of the deleted AIcon");
        assertThrows(
                VersionConflict.class,
                () -> await(store().write(new StoreWrite(
                        TenantId.DEFAULT, restarted.stamped(4, Timestamps.now()), 0, new StoreWrite.Replace()))),
                "nor the version its delete consumed");
        assertEquals(Optional.empty(), await(store().get(TenantId.DEFAULT, id)));

        AIcon reCreated = await(store().write(new StoreWrite(
                TenantId.DEFAULT, restarted.stamped(5, Timestamps.now()), 0, new StoreWrite.Replace())));
        assertEquals(5, read(id).version());
        assertEquals(reCreated.toDocument(), read(id).toDocument());
        assertEquals(
                List.of(new VersionEntry(5, reCreated.updatedAt(), ChangeKind.created)),
                await(store().versions(TenantId.DEFAULT, id, Long.MAX_VALUE, 10))
                        .versions());
        assertEquals(
                5,
                await(store().version(TenantId.DEFAULT, id, 5))
                        .orElseThrow()
                        .toDocument()
                        .get("version")
                        .asLong());
        assertEquals(
                Optional.empty(),
                await(store().version(TenantId.DEFAULT, id, 1)),
                "the old incarnation's history is gone");
        assertTrue(await(store().current(TenantId.DEFAULT, id)).aicon().isPresent());

        AIcon v6 = write(reCreated, reCreated.withoutFactor("ad_slots"), new StoreWrite.Replace());
        await(store().delete(TenantId.DEFAULT, id, v6.version()));
        assertEquals(Current.deleted(7), await(store().current(TenantId.DEFAULT, id)));
        List<ChangeEvent> events =
                await(store().events(new EventQuery(TenantId.DEFAULT, eventsBefore, Long.MAX_VALUE, id, null, 20)));
        assertEquals(
                List.of(1L, 2L, 3L, 3L, 5L, 6L, 6L),
                events.stream().map(ChangeEvent::version).toList(),
                "events carry the version each write produced (for a delete, the version deleted)");
    }

    @Test
    void aBatchCreateContinuesVersionsOrWritesNothing() {
        String deleted = Fixtures.uniqueId("batch-incarnation");
        String fresh = Fixtures.uniqueId("batch-incarnation-fresh");
        createUpdateAndDelete(deleted);
        StoreWrite freshCreate = new StoreWrite(
                TenantId.DEFAULT, Fixtures.sdkAIcon(fresh).stamped(1, Timestamps.now()), 0, new StoreWrite.Replace());
        StoreWrite restarted = new StoreWrite(
                TenantId.DEFAULT, Fixtures.sdkAIcon(deleted).stamped(1, Timestamps.now()), 0, new StoreWrite.Replace());
        assertThrows(VersionConflict.class, () -> await(store().writeAll(List.of(freshCreate, restarted))));
        assertEquals(Optional.empty(), await(store().get(TenantId.DEFAULT, fresh)));
        assertEquals(Current.deleted(4), await(store().current(TenantId.DEFAULT, deleted)));

        StoreWrite continued = new StoreWrite(
                TenantId.DEFAULT, Fixtures.sdkAIcon(deleted).stamped(5, Timestamps.now()), 0, new StoreWrite.Replace());
        await(store().writeAll(List.of(freshCreate, continued)));
        assertEquals(5, read(deleted).version());
        assertEquals(1, read(fresh).version());
    }

    @Test
    void listFiltersByTypeAndNameAndPagesInIdOrder() {
        String type = Fixtures.uniqueId("type");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = type + "-" + i;
            AIcon content = Fixtures.sdkAIcon(id);
            ObjectNode attributes =
                    content.attributes().deepCopy().put("aicon_type", type).put("name", i % 2 == 0 ? "even" : "odd");
            await(store().write(new StoreWrite(
                    TenantId.DEFAULT,
                    content.withAttributes(attributes).stamped(1, Timestamps.now()),
                    0,
                    new StoreWrite.Replace())));
            ids.add(id);
        }
        Page first = await(store().list(new ListQuery(TenantId.DEFAULT, type, null, null, 2)));
        Page second = await(store().list(new ListQuery(TenantId.DEFAULT, type, null, first.lastId(), 2)));
        Page third = await(store().list(new ListQuery(TenantId.DEFAULT, type, null, second.lastId(), 2)));
        List<String> paged = new ArrayList<>();
        for (Page page : List.of(first, second, third)) {
            page.items().forEach(summary -> paged.add(summary.id()));
        }
        assertEquals(ids, paged);
        assertEquals(null, third.lastId());
        List<String> evens =
                await(store().list(new ListQuery(TenantId.DEFAULT, type, "even", null, 10))).items().stream()
                        .map(AIconSummary::id)
                        .toList();
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(4)), evens);
        AIconSummary summary = first.items().get(0);
        assertEquals("even", summary.name());
        assertEquals(type, summary.aiconType());
        assertEquals(1, summary.version());
    }

    @Test
    void concurrentWritesOnOneVersionHaveExactlyOneWinner() {
        String id = Fixtures.uniqueId("race");
        AIcon v1 = create(id);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ObjectNode factor = Fixtures.json("{\"type\":\"continuous\",\"value\":" + i + "}");
            AIcon next = v1.withFactor("w" + i, factor).stamped(2, Timestamps.now());
            writers.add(store().write(new StoreWrite(TenantId.DEFAULT, next, 1, new StoreWrite.FactorPut("w" + i)))
                    .onItem()
                    .invoke(wins::incrementAndGet)
                    .onFailure(VersionConflict.class)
                    .recoverWithItem(e -> {
                        conflicts.incrementAndGet();
                        return null;
                    })
                    .replaceWithVoid()
                    .subscribeAsCompletionStage());
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
        assertEquals(1, wins.get());
        assertEquals(23, conflicts.get());
        AIcon read = read(id);
        assertEquals(2, read.version());
        assertEquals(6, read.factors().size());
    }

    // Tenants: ids are unique per tenant only, and nothing of one tenant is visible to another.

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    /** Creates {@code id} in {@code tenant} with the given type and name, at the version after its tombstone. */
    private AIcon createIn(TenantId tenant, String id, String type, String name) {
        AIcon content = Fixtures.sdkAIcon(id);
        ObjectNode attributes =
                content.attributes().deepCopy().put("aicon_type", type).put("name", name);
        long next = await(store().current(tenant, id)).nextVersion();
        return await(store().write(new StoreWrite(
                tenant,
                content.withAttributes(attributes).stamped(next, Timestamps.now()),
                0,
                new StoreWrite.Replace())));
    }

    private AIcon writeIn(TenantId tenant, AIcon current, AIcon content, StoreWrite.Change change) {
        AIcon next = content.stamped(current.version() + 1, Timestamps.now());
        return await(store().write(new StoreWrite(tenant, next, current.version(), change)));
    }

    @Test
    void theSameIdInTwoTenantsHoldsTwoDifferentDocuments() {
        String id = Fixtures.uniqueId("shared");
        String type = Fixtures.uniqueId("type");
        AIcon inAcme = createIn(ACME, id, type, "acme's");
        AIcon inGlobex = createIn(GLOBEX, id, type, "globex's");
        assertEquals(1, inAcme.version());
        assertEquals(1, inGlobex.version(), "a create in one tenant does not see the other's AIcon");

        AIcon acmeV2 = writeIn(ACME, inAcme, inAcme.withoutFactor("daily_clicks"), new StoreWrite.Replace());
        assertEquals("acme's", await(store().get(ACME, id)).orElseThrow().name());
        assertEquals(2, await(store().get(ACME, id)).orElseThrow().version());
        AIcon globexRead = await(store().get(GLOBEX, id)).orElseThrow();
        assertEquals("globex's", globexRead.name());
        assertEquals(1, globexRead.version());
        assertTrue(globexRead.factors().containsKey("daily_clicks"));
        assertEquals(Optional.empty(), await(store().get(TenantId.DEFAULT, id)));

        assertThrows(
                VersionConflict.class,
                () -> writeIn(GLOBEX, acmeV2, acmeV2, new StoreWrite.Replace()),
                "a write expecting the other tenant's version conflicts");
        assertEquals(1, await(store().get(GLOBEX, id)).orElseThrow().version());
    }

    @Test
    void everyReadOfOneTenantSeesNothingOfAnother() {
        String id = Fixtures.uniqueId("private");
        String type = Fixtures.uniqueId("type");
        AIcon v1 = createIn(ACME, id, type, "secret");
        writeIn(ACME, v1, v1.withoutFactor("daily_clicks"), new StoreWrite.Replace());

        assertEquals(Optional.empty(), await(store().get(GLOBEX, id)));
        assertEquals(Map.of(), await(store().getAll(GLOBEX, List.of(id))));
        Current current = await(store().current(GLOBEX, id));
        assertEquals(Optional.empty(), current.aicon());
        assertEquals(1, current.nextVersion(), "no tombstone of another tenant either");
        assertEquals(
                List.of(),
                await(store().list(new ListQuery(GLOBEX, type, null, null, 10))).items());
        assertEquals(
                List.of(),
                await(store().list(new ListQuery(GLOBEX, null, "secret", null, 10)))
                        .items());
        assertEquals(
                List.of(),
                await(store().versions(GLOBEX, id, Long.MAX_VALUE, 10)).versions());
        assertEquals(Optional.empty(), await(store().version(GLOBEX, id, 1)));

        assertEquals(Optional.of(2L), await(store().get(ACME, id)).map(AIcon::version));
        assertEquals(
                List.of(id),
                List.copyOf(await(store().getAll(ACME, List.of(id))).keySet()));
        assertEquals(
                List.of(id),
                await(store().list(new ListQuery(ACME, type, null, null, 10))).items().stream()
                        .map(AIconSummary::id)
                        .toList());
        assertEquals(
                2,
                await(store().versions(ACME, id, Long.MAX_VALUE, 10)).versions().size());
        assertTrue(await(store().version(ACME, id, 1)).isPresent());
    }

    @Test
    void aDeleteInOneTenantLeavesTheOtherAndItsTombstoneIsItsOwn() {
        String id = Fixtures.uniqueId("both");
        String type = Fixtures.uniqueId("type");
        AIcon inAcme = createIn(ACME, id, type, "a");
        AIcon inGlobex = createIn(GLOBEX, id, type, "g");

        assertThrows(
                VersionConflict.class,
                () -> await(store().delete(TenantId.DEFAULT, id, 1)),
                "a tenant cannot delete what it does not hold");
        await(store().delete(ACME, id, inAcme.version()));

        assertEquals(Optional.empty(), await(store().get(ACME, id)));
        assertEquals(
                inGlobex.version(), await(store().get(GLOBEX, id)).orElseThrow().version());
        assertEquals(3, await(store().current(ACME, id)).nextVersion(), "acme's id continues after its delete");
        assertEquals(2, await(store().current(GLOBEX, id)).nextVersion(), "globex's id is untouched");
        assertEquals(
                1,
                await(store().versions(GLOBEX, id, Long.MAX_VALUE, 10))
                        .versions()
                        .size());
        assertEquals(
                List.of(id),
                await(store().list(new ListQuery(GLOBEX, type, null, null, 10))).items().stream()
                        .map(AIconSummary::id)
                        .toList());
        assertEquals(
                List.of(),
                await(store().list(new ListQuery(ACME, type, null, null, 10))).items());
    }

    @Test
    void aBatchWritesInItsOwnTenantOnly() {
        String id = Fixtures.uniqueId("batched");
        String type = Fixtures.uniqueId("type");
        createIn(ACME, id, type, "acme's");
        AIcon content = Fixtures.sdkAIcon(id);
        await(store().writeAll(List.of(new StoreWrite(
                GLOBEX,
                content.withAttributes(content.attributes().deepCopy().put("name", "globex's"))
                        .stamped(1, Timestamps.now()),
                0,
                new StoreWrite.Replace()))));
        assertEquals("globex's", await(store().get(GLOBEX, id)).orElseThrow().name());
        assertEquals("acme's", await(store().get(ACME, id)).orElseThrow().name());
    }

    @Test
    void eventsAreTaggedWithTheirTenantAndATenantReadsOnlyItsOwn() {
        long before = await(store().eventRange()).newest();
        String id = Fixtures.uniqueId("evented");
        String type = Fixtures.uniqueId("type");
        AIcon inAcme = createIn(ACME, id, type, "a");
        createIn(GLOBEX, id, type, "g");
        await(store().delete(ACME, id, inAcme.version()));

        List<ChangeEvent> acme =
                await(store().events(EventQuery.ofTenant(ACME, before, Long.MAX_VALUE, id, null, 100)));
        assertEquals(
                List.of(ChangeKind.created, ChangeKind.deleted),
                acme.stream().map(ChangeEvent::kind).toList());
        assertTrue(acme.stream()
                .allMatch(e -> e.tenant().equals(ACME) && e.aiconId().equals(id)));

        List<ChangeEvent> globex =
                await(store().events(EventQuery.ofTenant(GLOBEX, before, Long.MAX_VALUE, null, type, 100)));
        assertEquals(1, globex.size());
        assertEquals(GLOBEX, globex.get(0).tenant());
        assertEquals(ChangeKind.created, globex.get(0).kind());

        assertEquals(
                List.of(),
                await(store().events(EventQuery.ofTenant(TenantId.DEFAULT, before, Long.MAX_VALUE, id, null, 100))));
        List<ChangeEvent> all = await(store().events(EventQuery.everyTenant(before, Long.MAX_VALUE, 1000))).stream()
                .filter(e -> e.aiconId().equals(id))
                .toList();
        assertEquals(
                List.of(ACME, GLOBEX, ACME),
                all.stream().map(ChangeEvent::tenant).toList());
    }
}
