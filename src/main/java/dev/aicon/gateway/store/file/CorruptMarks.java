package dev.aicon.gateway.store.file;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.CorruptMark;
import io.quarkus.logging.Log;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * AIcons whose stored file was found damaged. The damaged file is set aside as {@code
 * <dir>/corrupt/<id>.<millis>.aicon}
 * and that file is the durable record of the mark: it is read back at start, so the AIcon keeps answering
 * "corrupt" across restarts until its mark is cleared, by a delete or by a repaired file put back in place while the
 * gateway is stopped. Clearing moves the set-aside files to {@code <dir>/corrupt/cleared/}; nothing is destroyed.
 */
final class CorruptMarks {

    private static final String SUFFIX = ".aicon";

    private record SetAside(String id, Instant at, Path file) {}

    private final StoreDirectory directory;
    private final TenantId tenant;
    private final Map<String, Instant> found = new ConcurrentHashMap<>();

    CorruptMarks(StoreDirectory directory, TenantId tenant) {
        this.directory = directory;
        this.tenant = tenant;
    }

    /**
     * Marks the AIcons of the set-aside files, except those {@code indexed} from a good file: an operator put a
     * repaired file back, so their set-aside copies are cleared.
     */
    void load(Predicate<String> indexed) throws IOException {
        for (SetAside aside : setAside()) {
            if (indexed.test(aside.id())) {
                moveToCleared(aside.file());
                Log.warnf(
                        "AIcon %s: a readable file is in place again; its damaged copy %s was moved to %s",
                        aside.id(), aside.file().getFileName(), cleared());
            } else {
                found.merge(aside.id(), aside.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        found.forEach((id, at) -> Log.warnf(
                "AIcon %s: its stored file was found damaged at %s (kept in %s); it "
                        + "answers 500 stored-document-corrupt until it is deleted or restored",
                id, at, directory.corrupt()));
    }

    /** Moves the damaged {@code file} of {@code id} to {@code corrupt/} and marks the AIcon. */
    void setAside(String id, Path file, @Nullable String reason) {
        Path aside = directory.setAside(file, id);
        found.putIfAbsent(id, parse(aside).map(SetAside::at).orElseGet(Instant::now));
        Log.warnf(
                "AIcon %s: stored file %s is damaged (%s); moved to %s; the AIcon answers 500 "
                        + "stored-document-corrupt until it is deleted or restored",
                id, file, reason, aside);
    }

    Optional<Instant> foundAt(String id) {
        return Optional.ofNullable(found.get(id));
    }

    List<CorruptMark> all() {
        return found.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new CorruptMark(tenant, e.getKey(), Timestamps.format(e.getValue())))
                .toList();
    }

    /** Clears the mark of {@code id}, moving its set-aside files to {@code corrupt/cleared/}; false when unmarked. */
    boolean clear(String id) throws IOException {
        if (!found.containsKey(id)) {
            return false;
        }
        for (SetAside aside : setAside()) {
            if (aside.id().equals(id)) {
                moveToCleared(aside.file());
            }
        }
        found.remove(id);
        Log.warnf("AIcon %s: deleted while marked damaged; its damaged copies are in %s", id, cleared());
        return true;
    }

    private List<SetAside> setAside() throws IOException {
        try (Stream<Path> files = Files.list(directory.corrupt())) {
            return files.filter(Files::isRegularFile)
                    .map(CorruptMarks::parse)
                    .flatMap(Optional::stream)
                    .toList();
        }
    }

    private void moveToCleared(Path file) throws IOException {
        Files.createDirectories(cleared());
        Files.move(file, cleared().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path cleared() {
        return directory.corrupt().resolve("cleared");
    }

    /** {@code <id>.<millis>.aicon}; ids may hold dots, so the time is the last dotted part before the suffix. */
    private static Optional<SetAside> parse(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String stem = name.substring(0, name.length() - SUFFIX.length());
        int dot = stem.lastIndexOf('.');
        if (dot <= 0 || !stem.substring(dot + 1).matches("\\d{1,19}")) {
            return Optional.empty();
        }
        return Optional.of(new SetAside(
                stem.substring(0, dot), Instant.ofEpochMilli(Long.parseLong(stem.substring(dot + 1))), file));
    }
}
