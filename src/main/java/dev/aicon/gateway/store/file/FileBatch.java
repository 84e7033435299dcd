package dev.aicon.gateway.store.file;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces several AIcon files as one. Every new file is written and forced as a temp file, then a manifest naming
 * them is forced; only then are they renamed into place and the manifest removed. A crash before the manifest
 * leaves nothing applied; after it, opening the store completes the renames, so a batch is all or nothing.
 */
final class FileBatch {

    private static final String MANIFEST = "batch.manifest";

    private FileBatch() {
    }

    static void replaceAll(StoreDirectory directory, Map<Path, byte[]> files) throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                temps.put(directory.writeTemporary(file.getKey(), file.getValue(), true), file.getKey());
            }
            List<String> lines = new ArrayList<>();
            temps.forEach((temp, target) -> lines.add(temp.getFileName() + "\t" + target.getFileName()));
            directory.replaceAtomically(directory.root().resolve(MANIFEST),
                    String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<Path, Path> rename : temps.entrySet()) {
                Files.move(rename.getKey(), rename.getValue(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            StoreDirectory.forceDirectory(directory.aicons());
            directory.deleteDurably(directory.root().resolve(MANIFEST));
        } finally {
            for (Path temp : temps.keySet()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Completes a batch a crash interrupted after its manifest was written; call before temp files are cleared. */
    static void recover(StoreDirectory directory) throws IOException {
        Path manifest = directory.root().resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            return;
        }
        int completed = 0;
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String[] names = line.split("\t");
            Path temp = directory.temporary().resolve(names[0]);
            if (names.length == 2 && Files.exists(temp)) {
                Files.move(temp, directory.aicons().resolve(names[1]), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                completed++;
            }
        }
        StoreDirectory.forceDirectory(directory.aicons());
        directory.deleteDurably(manifest);
        Log.warnf("file store %s: completed an interrupted batch write (%d files renamed)", directory.root(), completed);
    }
}
