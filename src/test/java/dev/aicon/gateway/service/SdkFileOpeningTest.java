package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.ImportRootAndFastEventsProfile;
import dev.aicon.gateway.support.SdkStates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A directory import decides about links when it opens a file, not before: a file or a directory swapped for a
 * symbolic link between the listing and the read (the check-then-use race) is refused by the OS at open time, so
 * nothing the link points to is read. The swap is made between {@link SdkDirectory#files} and the reader's open.
 */
@QuarkusTest
@TestProfile(ImportRootAndFastEventsProfile.class)
class SdkFileOpeningTest {

    @Inject
    SdkDirectory directories;

    @Inject
    SdkFileReader reader;

    private static Path outsideTheRoot() throws IOException {
        return Files.createDirectories(
                ImportRootAndFastEventsProfile.ROOT.getParent().resolve(SdkStates.freshId("outside")));
    }

    private SdkFile listed(Path dir, String name) {
        List<SdkFile> files = directories.files(dir.toString()).await().indefinitely();
        return files.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not listed in " + files));
    }

    private static void assertRefusedAsALink(ServiceException refused) {
        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
    }

    @Test
    void aPlainFileIsReadAsListed() throws IOException {
        Path dir = Files.createDirectories(ImportRootAndFastEventsProfile.ROOT.resolve(SdkStates.freshId("plain")));
        String id = SdkStates.freshId(SdkStates.RUNNER);
        Files.write(dir.resolve(id + ".json"), SdkStates.document(SdkStates.RUNNER, id));
        ObjectNode document = reader.document(listed(dir, id + ".json"));
        assertEquals(id, document.get("id").asText());
    }

    @Test
    void aFileSwappedForALinkAfterTheListingIsRefusedAtOpen() throws IOException {
        Path dir = Files.createDirectories(ImportRootAndFastEventsProfile.ROOT.resolve(SdkStates.freshId("swap")));
        Path outside = outsideTheRoot();
        String id = SdkStates.freshId(SdkStates.RUNNER);
        Path document = dir.resolve(id + ".json");
        Path pickle = dir.resolve(id + ".pkl");
        Files.write(document, SdkStates.document(SdkStates.RUNNER, id));
        Files.write(pickle, SdkStates.pickle());
        SdkFile listedDocument = listed(dir, id + ".json");
        SdkFile listedPickle = listed(dir, id + ".pkl");

        Files.write(outside.resolve("secret.json"), "{\"id\": \"stolen\"}".getBytes());
        Files.write(outside.resolve("secret.pkl"), "not yours".getBytes());
        Files.delete(document);
        Files.createSymbolicLink(document, outside.resolve("secret.json"));
        Files.delete(pickle);
        Files.createSymbolicLink(pickle, outside.resolve("secret.pkl"));

        assertRefusedAsALink(assertThrows(ServiceException.class, () -> reader.document(listedDocument)));
        SpooledUpload copy = reader.spool(listedPickle).await().indefinitely();
        try {
            assertRefusedAsALink(assertThrows(ServiceException.class, () -> reader.brain(listedPickle, id, copy)));
            assertEquals(0, copy.size(), "not a byte of the link's target was read");
        } finally {
            copy.discard().await().indefinitely();
        }
        assertFalse(Files.exists(copy.file()), "the spool copy is gone");
    }

    @Test
    void aDirectorySwappedForALinkAfterTheListingIsRefusedAtOpen() throws IOException {
        Path parent = Files.createDirectories(ImportRootAndFastEventsProfile.ROOT.resolve(SdkStates.freshId("parent")));
        Path dir = Files.createDirectories(parent.resolve("states"));
        String id = SdkStates.freshId(SdkStates.RUNNER);
        Files.write(dir.resolve(id + ".json"), SdkStates.document(SdkStates.RUNNER, id));
        SdkFile listedDocument = listed(dir, id + ".json");

        Path outside = outsideTheRoot();
        Files.write(outside.resolve(id + ".json"), "{\"id\": \"stolen\"}".getBytes());
        Files.move(dir, parent.resolve("moved-away"));
        Files.createSymbolicLink(dir, outside);

        assertRefusedAsALink(assertThrows(ServiceException.class, () -> reader.document(listedDocument)));
    }

    @Test
    void aPickleIsCopiedFromItsOneOpenAndTheCopyIsWhatIsStored() throws IOException {
        Path dir = Files.createDirectories(ImportRootAndFastEventsProfile.ROOT.resolve(SdkStates.freshId("copy")));
        String id = SdkStates.freshId(SdkStates.RUNNER);
        Path pickle = dir.resolve(id + ".pkl");
        Files.write(pickle, SdkStates.pickle());
        SdkFile listedPickle = listed(dir, id + ".pkl");
        SpooledUpload copy = reader.spool(listedPickle).await().indefinitely();
        try {
            BrainService.Received received = reader.brain(listedPickle, id, copy);
            assertEquals(copy.file(), received.file(), "the brain stored is the copy, not the listed path");
            Files.write(pickle, "changed after the read".getBytes());
            assertArrayEquals(SdkStates.pickle(), Files.readAllBytes(received.file()));
            assertEquals(SdkStates.pickle().length, received.size());
        } finally {
            copy.discard().await().indefinitely();
        }
    }
}
