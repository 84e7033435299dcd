package dev.aicon.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.VersionEntry;
import dev.aicon.gateway.store.file.FileAIconStore;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileAIconStoreTest extends AIconStoreContract {

    @TempDir
    Path dir;

    private FileAIconStore store;

    @BeforeEach
    void open() throws IOException {
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Override
    protected AIconStore store() {
        return store;
    }

    private AIcon put(FileAIconStore target, String id) {
        AIcon next = Fixtures.sdkAIcon(id).stamped(1, Timestamps.now());
        return target.write(new StoreWrite(TenantId.DEFAULT, next, 0, new StoreWrite.Replace()))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private AIcon get(FileAIconStore target, String id) {
        return target.get(TenantId.DEFAULT, id)
                .await()
                .atMost(Duration.ofSeconds(10))
                .orElseThrow();
    }

    private Path fileOf(String id) {
        return dir.resolve("aicons").resolve(id + ".aicon");
    }

    @Test
    void aiconsSurviveAReopenWithUnknownFields() throws IOException {
        AIcon written = put(store, "survivor");
        store.close();
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        AIcon read = get(store, "survivor");
        assertEquals(written.toDocument(), read.toDocument());
        assertEquals("api", read.attributes().at("/sensors/0/kind").asText());
    }

    @Test
    void aTombstoneSurvivesAReopenSoTheReCreatedAIconContinuesItsVersions() throws IOException {
        String id = Fixtures.uniqueId("tombstone-reopen");
        createUpdateAndDelete(id);
        store.close();
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals(
                Current.deleted(4), store.current(TenantId.DEFAULT, id).await().atMost(Duration.ofSeconds(10)));
        assertThrows(VersionConflict.class, () -> put(store, id));
        store.write(new StoreWrite(
                        TenantId.DEFAULT,
                        Fixtures.sdkAIcon(id).stamped(5, Timestamps.now()),
                        0,
                        new StoreWrite.Replace()))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertFalse(Files.exists(dir.resolve("tombstones").resolve(id + ".tombstone")), "the create consumed it");
        store.close();
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals(5, get(store, id).version());
    }

    @Test
    void aTombstoneLeftNextToAStoredAIconByACrashIsRemovedAtOpen() throws IOException {
        put(store, "crashed-mid-delete");
        store.close();
        Path leftover = dir.resolve("tombstones").resolve("crashed-mid-delete.tombstone");
        Files.writeString(leftover, "2\n");
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertFalse(Files.exists(leftover));
        assertEquals(1, get(store, "crashed-mid-delete").version());
        store.delete(TenantId.DEFAULT, "crashed-mid-delete", 1).await().atMost(Duration.ofSeconds(10));
        assertEquals("2", Files.readString(leftover).trim());
    }

    @Test
    void anUnreadableTombstoneRefusesToOpenRatherThanReuseVersions() throws IOException {
        store.close();
        Path damaged = dir.resolve("tombstones").resolve("damaged.tombstone");
        Files.writeString(damaged, "not a version");
        IOException refused =
                assertThrows(IOException.class, () -> FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000));
        assertTrue(refused.getMessage().contains(damaged.toString()), refused.getMessage());
        Files.delete(damaged);
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
    }

    @Test
    void storedFilesCarryTheFormatVersion() throws IOException {
        put(store, "versioned");
        JsonNode envelope = Fixtures.MAPPER.readTree(fileOf("versioned").toFile());
        assertEquals(2, envelope.get("format_version").asInt());
        assertEquals("created", envelope.get("kind").asText());
    }

    /** The fixtures are files the gateway's first release (format_version 1) wrote in its own test runs. */
    @Test
    void filesOfThePreviousFormatAreUpgradedAtOpenWithNothingLost() throws IOException, URISyntaxException {
        store.close();
        Path fixtures = Path.of(getClass().getResource("/store-format-1/aicons").toURI());
        Map<String, JsonNode> originals = new HashMap<>();
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.toList()) {
                JsonNode original = Fixtures.MAPPER.readTree(file.toFile());
                assertEquals(1, original.get("format_version").asInt(), "fixture is of the previous format");
                originals.put(original.get("id").asText(), original);
                Files.copy(file, dir.resolve("aicons").resolve(file.getFileName()));
            }
        }
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        for (Map.Entry<String, JsonNode> original : originals.entrySet()) {
            String id = original.getKey();
            AIcon read = get(store, id);
            ObjectNode document = read.toDocument();
            document.remove(List.of(AIcon.VERSION, AIcon.UPDATED_AT));
            assertEquals(original.getValue().get("document"), document, id);
            assertEquals(original.getValue().get("version").asLong(), read.version());
            assertEquals(original.getValue().get("updated_at").asText(), read.updatedAt());
            JsonNode upgraded = Fixtures.MAPPER.readTree(fileOf(id).toFile());
            assertEquals(2, upgraded.get("format_version").asInt());
            assertEquals(
                    read.version() == 1 ? "created" : "updated",
                    upgraded.get("kind").asText());
            VersionPage history = store.versions(TenantId.DEFAULT, id, Long.MAX_VALUE, 10)
                    .await()
                    .atMost(Duration.ofSeconds(10));
            assertEquals(
                    List.of(read.version()),
                    history.versions().stream().map(VersionEntry::version).toList());
        }
        AIcon brainy = get(store, "brain-efe8f2ba-0255-48ff-956e-4831e6903cbe");
        assertEquals(3, brainy.version());
        assertTrue(brainy.attributes().path("brain").hasNonNull("sha256"), "server-owned brain field kept");
    }

    @Test
    void aBatchInterruptedAfterItsManifestIsCompletedAtOpen() throws IOException {
        AIcon first = put(store, "batch-one");
        store.close();
        AIcon second = first.withAttributes(first.attributes().deepCopy().put("name", "renamed"))
                .stamped(2, Timestamps.now());
        byte[] encoded = Fixtures.MAPPER.writeValueAsBytes(Fixtures.MAPPER
                .createObjectNode()
                .put("format_version", 2)
                .put("id", "batch-one")
                .put("version", 2)
                .put("updated_at", second.updatedAt())
                .put("kind", "updated")
                .set("document", withoutServerFields(second)));
        Files.write(dir.resolve("tmp").resolve("batch-one.aicon123.tmp"), encoded);
        Files.writeString(dir.resolve("0b3c.batch-manifest"), "batch-one.aicon123.tmp\tbatch-one.aicon");
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals("renamed", get(store, "batch-one").name());
        assertFalse(Files.exists(dir.resolve("0b3c.batch-manifest")));
    }

    private static ObjectNode withoutServerFields(AIcon aicon) {
        ObjectNode document = aicon.toDocument();
        document.remove(List.of(AIcon.VERSION, AIcon.UPDATED_AT));
        return document;
    }

    @Test
    void gzipFilesAreCompressedAndStayReadableWhenCompressionIsTurnedOff() throws IOException {
        store.close();
        store = FileAIconStore.open(dir, Fixtures.MAPPER, true, true, 100_000);
        AIcon written = put(store, "zipped");
        byte[] bytes = Files.readAllBytes(fileOf("zipped"));
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
        store.close();
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals(written.toDocument(), get(store, "zipped").toDocument());
    }

    @Test
    void aCorruptFileIsReportedNamingTheAIconAndSetAsideWithoutHarmingOthers() throws IOException {
        put(store, "healthy");
        put(store, "damaged");
        Files.writeString(fileOf("damaged"), "{\"format_version\": 1, \"id\": \"damaged\", \"docu");
        CorruptDocument corrupt = assertThrows(
                CorruptDocument.class,
                () -> store.get(TenantId.DEFAULT, "damaged").await().atMost(Duration.ofSeconds(10)));
        assertEquals("damaged", corrupt.aiconId());
        assertFalse(Files.exists(fileOf("damaged")));
        try (Stream<Path> aside = Files.list(dir.resolve("corrupt"))) {
            assertTrue(aside.anyMatch(p -> p.getFileName().toString().startsWith("damaged.")));
        }
        assertEquals("healthy", get(store, "healthy").id());
        assertThrows(
                CorruptDocument.class,
                () -> store.get(TenantId.DEFAULT, "damaged").await().atMost(Duration.ofSeconds(10)),
                "a damaged AIcon stays damaged, never \"not found\"");
        AIcon again = Fixtures.sdkAIcon("damaged").stamped(1, Timestamps.now());
        assertThrows(
                CorruptDocument.class,
                () -> store.write(new StoreWrite(TenantId.DEFAULT, again, 0, new StoreWrite.Replace()))
                        .await()
                        .atMost(Duration.ofSeconds(10)),
                "nothing is written over a damaged AIcon");
        assertThrows(
                CorruptDocument.class,
                () -> store.getAll(TenantId.DEFAULT, List.of("healthy", "damaged"))
                        .await()
                        .atMost(Duration.ofSeconds(10)));
        assertEquals(
                List.of("damaged"),
                store.corruptDocuments().await().atMost(Duration.ofSeconds(10)).stream()
                        .map(CorruptMark::id)
                        .toList());
    }

    @Test
    void aCorruptFileFoundAtOpenIsSetAsideAndTheStoreStillOpens() throws IOException {
        put(store, "fine");
        store.close();
        Files.write(fileOf("broken"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals("fine", get(store, "fine").id());
        assertFalse(Files.exists(fileOf("broken")));
        assertThrows(
                CorruptDocument.class,
                () -> store.get(TenantId.DEFAULT, "broken").await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void theDamagedMarkSurvivesARestartUntilTheAIconIsDeleted() throws IOException {
        put(store, "with.dots");
        store.close();
        Files.writeString(fileOf("with.dots"), "garbage");
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        store.close();
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertThrows(
                CorruptDocument.class,
                () -> store.get(TenantId.DEFAULT, "with.dots").await().atMost(Duration.ofSeconds(10)));
        assertEquals(
                List.of("with.dots"),
                store.corruptDocuments().await().atMost(Duration.ofSeconds(10)).stream()
                        .map(CorruptMark::id)
                        .toList());
        assertEquals(
                0,
                store.list(new ListQuery(TenantId.DEFAULT, null, null, null, 100))
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .items()
                        .size(),
                "lists skip a damaged AIcon");

        assertTrue(store.discardCorrupt(TenantId.DEFAULT, "with.dots").await().atMost(Duration.ofSeconds(10)));
        assertFalse(store.discardCorrupt(TenantId.DEFAULT, "with.dots").await().atMost(Duration.ofSeconds(10)));
        assertTrue(store.get(TenantId.DEFAULT, "with.dots")
                .await()
                .atMost(Duration.ofSeconds(10))
                .isEmpty());
        assertEquals(
                List.of(),
                store.versions(TenantId.DEFAULT, "with.dots", Long.MAX_VALUE, 10)
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .versions(),
                "its history went with it");
        try (Stream<Path> cleared = Files.list(dir.resolve("corrupt").resolve("cleared"))) {
            assertEquals(1, cleared.count(), "the damaged copy is kept aside, cleared");
        }
        store.close();
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertTrue(store.get(TenantId.DEFAULT, "with.dots")
                .await()
                .atMost(Duration.ofSeconds(10))
                .isEmpty());
        assertEquals(
                3,
                store.current(TenantId.DEFAULT, "with.dots")
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .nextVersion(),
                "its versions go on after the highest recorded one (1) and the delete (2): no ETag comes back");
        assertThrows(VersionConflict.class, () -> put(store, "with.dots"));
        AIcon again = Fixtures.sdkAIcon("with.dots").stamped(3, Timestamps.now());
        assertEquals(
                3,
                store.write(new StoreWrite(TenantId.DEFAULT, again, 0, new StoreWrite.Replace()))
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .version(),
                "it can be created again");
    }

    @Test
    void aRepairedFilePutBackWhileStoppedClearsTheMark() throws IOException {
        AIcon good = put(store, "repaired");
        byte[] goodBytes = Files.readAllBytes(fileOf("repaired"));
        Files.writeString(fileOf("repaired"), "garbage");
        assertThrows(
                CorruptDocument.class,
                () -> store.get(TenantId.DEFAULT, "repaired").await().atMost(Duration.ofSeconds(10)));
        store.close();
        Files.write(fileOf("repaired"), goodBytes);
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals(good.toDocument(), get(store, "repaired").toDocument());
        assertTrue(
                store.corruptDocuments().await().atMost(Duration.ofSeconds(10)).isEmpty());
        try (Stream<Path> aside = Files.list(dir.resolve("corrupt"))) {
            assertFalse(aside.anyMatch(p -> p.getFileName().toString().startsWith("repaired.")));
        }
    }

    @Test
    void aFileOfANewerFormatIsRefusedButLeftInPlace() throws IOException {
        put(store, "future");
        String text = Files.readString(fileOf("future")).replace("\"format_version\":2", "\"format_version\":9");
        Files.writeString(fileOf("future"), text);
        assertThrows(
                CorruptDocument.class,
                () -> store.get(TenantId.DEFAULT, "future").await().atMost(Duration.ofSeconds(10)));
        assertTrue(Files.exists(fileOf("future")));
    }

    @Test
    void leftoverTempFilesAreClearedAtOpen() throws IOException {
        store.close();
        Files.writeString(dir.resolve("tmp").resolve("half-written.tmp"), "{", StandardCharsets.UTF_8);
        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        try (Stream<Path> temp = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, temp.count());
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000));
        assertTrue(refused.getMessage().contains("locked by another gateway process"), refused.getMessage());
    }

    @Test
    void anotherProcessCannotOpenALockedStore() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        OpenStoreMain.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(other.waitFor(60, TimeUnit.SECONDS));
        String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, other.exitValue(), output);
        assertTrue(output.contains("locked by another gateway process"), output);
        assertEquals(
                List.of(),
                store.list(new ListQuery(TenantId.DEFAULT, null, null, null, 10))
                        .await()
                        .indefinitely()
                        .items());
    }

    // Tenants on disk: default keeps the layout of a store written before tenants, the others a folder each.

    private static final TenantId ACME = new TenantId("acme");

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aStoreWrittenBeforeTenantsOpensWithEverythingInTenantDefault() throws IOException {
        AIcon written = put(store, "legacy");
        await(store.write(new StoreWrite(
                TenantId.DEFAULT,
                written.withoutFactor("daily_clicks").stamped(2, Timestamps.now()),
                1,
                new StoreWrite.Replace())));
        put(store, "gone");
        await(store.delete(TenantId.DEFAULT, "gone", 1));
        store.close();
        assertTrue(Files.exists(dir.resolve("aicons").resolve("legacy.aicon")), "the layout of the current code");
        assertTrue(Files.exists(dir.resolve("tombstones")));
        assertFalse(Files.exists(dir.resolve("tenants")), "nothing is moved or added for tenant default");

        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals(
                2, await(store.get(TenantId.DEFAULT, "legacy")).orElseThrow().version());
        assertEquals(
                2,
                await(store.versions(TenantId.DEFAULT, "legacy", Long.MAX_VALUE, 10))
                        .versions()
                        .size());
        assertEquals(3, await(store.current(TenantId.DEFAULT, "gone")).nextVersion(), "its tombstone too");
        assertEquals(
                List.of("legacy"),
                await(store.list(new ListQuery(TenantId.DEFAULT, null, null, null, 10))).items().stream()
                        .map(summary -> summary.id())
                        .toList());
        assertTrue(await(store.get(ACME, "legacy")).isEmpty());
        assertEquals(
                List.of(),
                await(store.list(new ListQuery(ACME, null, null, null, 10))).items());
        assertEquals(1, await(store.current(ACME, "gone")).nextVersion());
    }

    @Test
    void anotherTenantKeepsItsFilesInAFolderOfItsOwnAcrossARestart() throws IOException {
        put(store, "same");
        AIcon inAcme = await(store.write(new StoreWrite(
                ACME,
                Fixtures.sdkAIcon("same").withoutFactor("daily_clicks").stamped(1, Timestamps.now()),
                0,
                new StoreWrite.Replace())));
        await(store.write(new StoreWrite(
                ACME, Fixtures.sdkAIcon("acme-only").stamped(1, Timestamps.now()), 0, new StoreWrite.Replace())));
        await(store.delete(ACME, "acme-only", 1));
        Path acme = dir.resolve("tenants").resolve("acme");
        assertTrue(Files.exists(acme.resolve("aicons").resolve("same.aicon")));
        assertTrue(Files.exists(acme.resolve("history")));
        assertFalse(Files.exists(dir.resolve("aicons").resolve("acme-only.aicon")));
        Files.createDirectories(dir.resolve("tenants").resolve("Not A Tenant"));
        store.close();

        store = FileAIconStore.open(dir, Fixtures.MAPPER, false, true, 100_000);
        assertEquals(
                inAcme.factors(), await(store.get(ACME, "same")).orElseThrow().factors());
        assertTrue(await(store.get(TenantId.DEFAULT, "same"))
                .orElseThrow()
                .factors()
                .containsKey("daily_clicks"));
        assertEquals(3, await(store.current(ACME, "acme-only")).nextVersion(), "acme's tombstone survives");
        assertEquals(1, await(store.current(TenantId.DEFAULT, "acme-only")).nextVersion());
        assertEquals(
                1,
                await(store.versions(ACME, "same", Long.MAX_VALUE, 10))
                        .versions()
                        .size());
    }
}
