package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.BrainObjects;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.support.Fixtures;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The use cases keep tenants apart on the memory store: the same id in two tenants is two AIcons, and another
 * tenant's AIcon is 404 to reads, writes, deletes, versions, batch reads, brains and events, and absent from exports.
 */
class TenantServicesTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private MemoryStoreServices services;
    private AIconService aicons;
    private HistoryService history;
    private BatchService batches;
    private ExportService exports;
    private BrainService brains;
    private EventHistory events;

    @BeforeEach
    void build() throws IOException {
        services = new MemoryStoreServices(dir);
        aicons = new AIconService(services.store, services.reads, services.writes);
        history = new HistoryService(services.store, services.reads, services.writes);
        batches = new BatchService(
                aicons, new AtomicBatch(services.writes, services.batchWrites), services.batchWrites, services.batches);
        exports = new ExportService(services.store, services.batchWrites, services.batches);
        // Only meta() and delete() are used: they read and write the AIcon's document, never the stored bytes.
        brains = new BrainService(services.reads, services.writes, null, null, null, null);
        events = new EventHistory(services.store);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    private AIcon put(TenantId tenant, String id, String name) {
        ObjectNode document = Fixtures.sdkDocument(id).put("name", name);
        return await(aicons.put(tenant, id, document, Preconditions.NONE)).aicon();
    }

    private static void assertNotFound(FailureKind kind, Runnable call) {
        ServiceException e = assertThrows(ServiceException.class, call::run);
        assertEquals(kind, e.kind());
    }

    @Test
    void theSameIdIsTwoAIconsAndAnotherTenantsIsNotFound() {
        String id = Fixtures.uniqueId("svc");
        put(ACME, id, "acme's");
        put(GLOBEX, id, "globex's");
        put(ACME, id, "acme's again");

        assertEquals(
                "acme's again",
                await(aicons.get(ACME, id)).aicon().orElseThrow().name());
        assertEquals(2, await(aicons.get(ACME, id)).aicon().orElseThrow().version());
        assertEquals(
                "globex's", await(aicons.get(GLOBEX, id)).aicon().orElseThrow().name());
        assertEquals(1, await(aicons.get(GLOBEX, id)).aicon().orElseThrow().version());
        assertTrue(await(aicons.get(TenantId.DEFAULT, id)).aicon().isEmpty(), "absent: the resource answers 404");

        assertNotFound(
                FailureKind.AICON_NOT_FOUND, () -> await(aicons.delete(TenantId.DEFAULT, id, Preconditions.NONE)));
        assertNotFound(
                FailureKind.AICON_NOT_FOUND,
                () -> await(aicons.patch(TenantId.DEFAULT, id, Fixtures.json("{\"name\":\"x\"}"), Preconditions.NONE)));
        assertNotFound(
                FailureKind.AICON_NOT_FOUND, () -> await(history.versions(TenantId.DEFAULT, id, Long.MAX_VALUE, 10)));
        assertNotFound(FailureKind.VERSION_NOT_FOUND, () -> await(history.version(TenantId.DEFAULT, id, 1)));

        await(aicons.delete(GLOBEX, id, Preconditions.NONE));
        assertTrue(await(aicons.get(GLOBEX, id)).aicon().isEmpty());
        assertEquals(2, await(aicons.get(ACME, id)).aicon().orElseThrow().version(), "acme's AIcon stays");
        assertEquals(
                2,
                await(history.versions(ACME, id, Long.MAX_VALUE, 10)).versions().size());
    }

    @Test
    void aBatchReadAndAnExportHoldOnlyTheCallersTenant() {
        String shared = Fixtures.uniqueId("shared");
        String acmeOnly = Fixtures.uniqueId("acme-only");
        put(ACME, shared, "acme's");
        put(ACME, acmeOnly, "acme's");
        put(GLOBEX, shared, "globex's");

        BatchRead read = await(batches.get(GLOBEX, List.of(shared, acmeOnly)));
        assertEquals(List.of(shared), read.found().stream().map(AIcon::id).toList());
        assertEquals("globex's", read.found().get(0).name());
        assertEquals(List.of(acmeOnly), read.missing());

        List<AIcon> globexExport =
                exports.export(GLOBEX, null).collect().asList().await().atMost(WAIT);
        assertEquals(List.of(shared), globexExport.stream().map(AIcon::id).toList());
        assertEquals("globex's", globexExport.get(0).name());
        List<AIcon> acmeExport =
                exports.export(ACME, null).collect().asList().await().atMost(WAIT);
        assertEquals(2, acmeExport.size());
        assertTrue(acmeExport.stream().allMatch(a -> "acme's".equals(a.name())));
        assertEquals(
                List.of(),
                exports.export(TenantId.DEFAULT, null)
                        .collect()
                        .asList()
                        .await()
                        .atMost(WAIT));
    }

    @Test
    void aBrainIsReadAndRemovedInItsOwnTenantOnly() {
        String id = Fixtures.uniqueId("brainy");
        AIcon current = put(ACME, id, "acme's");
        put(GLOBEX, id, "globex's");
        BrainMeta brain = new BrainMeta(
                "ab".repeat(32),
                2,
                2,
                BlobConfig.Codec.none,
                BrainMeta.Location.inline,
                BrainObjects.newName(ACME, id),
                Timestamps.now(),
                null);
        ObjectNode attributes = current.attributes().deepCopy();
        attributes.set(BrainMeta.FIELD, brain.toJson());
        await(services.store.write(new StoreWrite(
                ACME,
                current.withAttributes(attributes).stamped(current.version() + 1, Timestamps.now()),
                current.version(),
                new StoreWrite.Brain())));

        assertEquals(brain.object(), await(brains.meta(ACME, id)).object());
        assertTrue(brain.object().startsWith("acme/" + id + "/"), brain.object());
        assertNotFound(FailureKind.BRAIN_NOT_FOUND, () -> await(brains.meta(GLOBEX, id)));
        assertNotFound(FailureKind.AICON_NOT_FOUND, () -> await(brains.meta(TenantId.DEFAULT, id)));
        assertNotFound(FailureKind.BRAIN_NOT_FOUND, () -> await(brains.delete(GLOBEX, id, Preconditions.NONE)));
        assertEquals(brain.object(), await(brains.meta(ACME, id)).object(), "acme's brain is untouched");
    }

    @Test
    void theOutboxAnswersATenantWithItsOwnEventsOnly() {
        long before = await(events.range()).newest();
        String id = Fixtures.uniqueId("followed");
        put(ACME, id, "acme's");
        put(GLOBEX, id, "globex's");
        await(aicons.delete(ACME, id, Preconditions.NONE));

        List<ChangeEvent> acme =
                await(events.events(EventQuery.ofTenant(ACME, before, Long.MAX_VALUE, null, null, 100)));
        assertEquals(2, acme.size());
        assertTrue(acme.stream().allMatch(e -> e.tenant().equals(ACME)));
        List<ChangeEvent> globex =
                await(events.events(EventQuery.ofTenant(GLOBEX, before, Long.MAX_VALUE, id, null, 100)));
        assertEquals(1, globex.size());
        assertEquals(GLOBEX, globex.get(0).tenant());
        assertEquals(
                List.of(),
                await(events.events(EventQuery.ofTenant(TenantId.DEFAULT, before, Long.MAX_VALUE, id, null, 100))));
    }
}
