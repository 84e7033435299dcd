package dev.aicon.gateway.store;

import dev.aicon.gateway.store.file.FileAIconStore;
import dev.aicon.gateway.support.Fixtures;

import java.nio.file.Path;

/** Run in a separate JVM by a test: tries to open a file store, exits 3 when it is locked by another process. */
public final class OpenStoreMain {

    private OpenStoreMain() {}

    public static void main(String[] args) throws Exception {
        try (FileAIconStore store = FileAIconStore.open(Path.of(args[0]), Fixtures.MAPPER, false, true, 100_000)) {
            System.out.println("opened " + store.backend());
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
