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
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Replaces several AIcon files as one. Every new file is written and forced as a temp file, then a manifest naming
 * them is forced; only then are they renamed into place and the manifest removed. A crash before the manifest
 * leaves nothing applied; after it, opening the store completes the renames, so a batch is all or nothing.
 */
final class FileBatch {

    private static final String MANIFEST_SUFFIX = ".batch-manifest";

    private FileBatch() {}

    /**
     * Each batch has a manifest of its own (batches over other AIcons may run at the same time). Once the manifest
     * is durable the batch only rolls forward: a failed rename leaves the temp files and the manifest for the next
     * open to complete.
     */
    static void replaceAll(StoreDirectory directory, Map<Path, byte[]> files) throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        Path manifest = directory.root().resolve(UUID.randomUUID() + MANIFEST_SUFFIX);
        boolean committed = false;
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                temps.put(directory.writeTemporary(file.getKey(), file.getValue(), true), file.getKey());
            }
            List<String> lines = new ArrayList<>();
            temps.forEach((temp, target) -> lines.add(temp.getFileName() + "\t" + target.getFileName()));
            directory.replaceAtomically(manifest, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            committed = true;
        } finally {
            if (!committed) {
                for (Path temp : temps.keySet()) {
                    Files.deleteIfExists(temp);
                }
            }
        }
        for (Map.Entry<Path, Path> rename : temps.entrySet()) {
            Files.move(
                    rename.getKey(),
                    rename.getValue(),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        StoreDirectory.forceDirectory(directory.aicons());
        directory.deleteDurably(manifest);
    }

    /** Completes the batches a crash interrupted after their manifests were written; call before temp files go. */
    static void recover(StoreDirectory directory) throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(directory.root())) {
            manifests = files.filter(f -> f.getFileName().toString().endsWith(MANIFEST_SUFFIX))
                    .toList();
        }
        for (Path manifest : manifests) {
            int completed = 0;
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String[] names = line.split("\t", -1);
                if (names.length != 2 || names[0].isEmpty() || names[1].isEmpty()) {
                    continue;
                }
                Path temp = directory.temporary().resolve(names[0]);
                if (Files.exists(temp)) {
                    Files.move(
                            temp,
                            directory.aicons().resolve(names[1]),
                            StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                    completed++;
                }
            }
            StoreDirectory.forceDirectory(directory.aicons());
            directory.deleteDurably(manifest);
            Log.warnf(
                    "file store %s: completed an interrupted batch write (%d files renamed)",
                    directory.root(), completed);
        }
    }
}
