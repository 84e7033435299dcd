package dev.aicon.gateway.store.file;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The version each deleted id's last delete consumed, so a re-created AIcon continues its id's versions: one small
 * file per id, {@code <dir>/tombstones/<id>.tombstone} holding the version as text, written atomically before the
 * AIcon's file is removed and removed after a create's file is in place. A crash between the two leaves a
 * tombstone next to a stored AIcon; opening the store removes it. Call under the id's lock.
 */
final class FileTombstones {

    private static final String SUFFIX = ".tombstone";

    private final StoreDirectory directory;
    private final Path dir;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    private FileTombstones(StoreDirectory directory, Path dir) {
        this.directory = directory;
        this.dir = dir;
    }

    /** Reads every tombstone; those of {@code stored} ids are left over from a crash and removed. */
    static FileTombstones load(StoreDirectory directory, Set<String> stored) throws IOException {
        Path dir = directory.root().resolve("tombstones");
        Files.createDirectories(dir);
        FileTombstones tombstones = new FileTombstones(directory, dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .toList()) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (stored.contains(id)) {
                    directory.deleteDurably(file);
                } else {
                    tombstones.versions.put(id, parse(file));
                }
            }
        }
        return tombstones;
    }

    private static long parse(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(
                    "tombstone " + file + " does not hold a version; the store does not open "
                            + "without it (a re-created AIcon could reuse an old ETag)",
                    e);
        }
    }

    /** The version the id's last delete consumed; 0 when it has none. */
    long of(String id) {
        return versions.getOrDefault(id, 0L);
    }

    /** Durably records that the id's delete consumed {@code version}. */
    void record(String id, long version) throws IOException {
        directory.replaceAtomically(fileOf(id), (version + "\n").getBytes(StandardCharsets.UTF_8));
        versions.put(id, version);
    }

    /** Removes the id's tombstone once the id is stored again; a file left behind is removed at the next open. */
    void consume(String id) {
        if (versions.remove(id) == null) {
            return;
        }
        try {
            directory.deleteDurably(fileOf(id));
        } catch (IOException e) {
            Log.warnf(
                    "AIcon %s: created again, but its tombstone could not be removed (%s); the next open removes it",
                    id, e.getMessage());
        }
    }

    int size() {
        return versions.size();
    }

    private Path fileOf(String id) {
        return dir.resolve(id + SUFFIX);
    }
}
