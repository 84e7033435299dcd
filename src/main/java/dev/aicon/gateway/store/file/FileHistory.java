package dev.aicon.gateway.store.file;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.VersionEntry;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.HistoryRetention;
import dev.aicon.gateway.store.HistoryRules;
import dev.aicon.gateway.store.VersionPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recorded versions of the file store: {@code history/<id>.versions/<version>.<micros>.<kind>.aicon}, each the same
 * envelope as the AIcon's own file. The name carries what a listing or a prune needs, so neither reads a file.
 * History files are renamed into place but not forced to disk: an OS crash may lose the newest entries, never the
 * AIcon itself.
 */
final class FileHistory {

    private record Name(long version, Instant writtenAt, ChangeKind kind, Path file) {

        static Optional<Name> parse(Path file) {
            String[] parts = file.getFileName().toString().split("\\.", -1);
            if (parts.length != 4 || !parts[3].equals("aicon")) {
                return Optional.empty();
            }
            try {
                long micros = Long.parseLong(parts[1]);
                return Optional.of(new Name(
                        Long.parseLong(parts[0]),
                        Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000),
                        ChangeKind.valueOf(parts[2]),
                        file));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private final StoreDirectory directory;
    private final StoredFileFormat format;

    FileHistory(StoreDirectory directory, StoredFileFormat format) {
        this.directory = directory;
        this.format = format;
    }

    void record(AIcon aicon, ChangeKind kind, byte[] encoded) throws IOException {
        Path folder = folderOf(aicon.id());
        Files.createDirectories(folder);
        Instant at = Timestamps.parse(Objects.requireNonNull(aicon.updatedAt())).toInstant();
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
        directory.replaceQuickly(
                folder.resolve("%020d.%d.%s.aicon".formatted(aicon.version(), micros, kind.name())), encoded);
    }

    VersionPage versions(String id, long beforeVersion, int limit) {
        List<VersionEntry> fetched = names(id)
                .filter(n -> n.version() < beforeVersion)
                .sorted(Comparator.comparingLong(Name::version).reversed())
                .limit(limit + 1L)
                .map(n -> new VersionEntry(n.version(), Timestamps.format(n.writtenAt()), n.kind()))
                .toList();
        return VersionPage.of(fetched, limit);
    }

    Optional<AIcon> version(String id, long version) {
        return names(id).filter(n -> n.version() == version).findFirst().map(n -> {
            try {
                return format.decode(id, Files.readAllBytes(n.file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (StoredFileFormat.UnreadableFile e) {
                throw new CorruptDocument(
                        id, "recorded version " + version + " is unreadable (" + e.getMessage() + ")", e);
            }
        });
    }

    /** The highest version recorded of the AIcon; 0 when none is. */
    long latestVersion(String id) {
        return names(id).mapToLong(Name::version).max().orElse(0);
    }

    void deleteAll(String id) throws IOException {
        Path folder = folderOf(id);
        for (Name name : names(id).toList()) {
            Files.deleteIfExists(name.file());
        }
        Files.deleteIfExists(folder);
    }

    /** Removes what the retention does not keep of the AIcon now at {@code currentVersion}. */
    long prune(HistoryRetention retention, String id, long currentVersion) throws IOException {
        long removed = 0;
        for (Name name : names(id).toList()) {
            if (HistoryRules.prunes(retention, currentVersion, name.version(), name.writtenAt())) {
                Files.deleteIfExists(name.file());
                removed++;
            }
        }
        return removed;
    }

    /** The ids that have a history folder. */
    List<String> ids() throws IOException {
        try (Stream<Path> folders = Files.list(directory.history())) {
            return folders.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".versions"))
                    .map(n -> n.substring(0, n.length() - ".versions".length()))
                    .toList();
        }
    }

    private Stream<Name> names(String id) {
        Path folder = folderOf(id);
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Name::parse).flatMap(Optional::stream).toList().stream();
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path folderOf(String id) {
        return directory.history().resolve(id + ".versions");
    }
}
