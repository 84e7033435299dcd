package dev.aicon.gateway.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.CorruptMark;
import dev.aicon.gateway.store.Current;
import dev.aicon.gateway.store.HistoryRetention;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import dev.aicon.gateway.store.VersionPage;
import dev.aicon.gateway.store.memory.InProcessEvents;
import dev.aicon.gateway.store.memory.InProcessOutbox;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The embedded default: one file per AIcon under {@code <dir>/aicons}, replaced atomically on every write, with its
 * recorded versions under {@code <dir>/history} ({@link FileHistory}), the tombstones of deleted ids under
 * {@code <dir>/tombstones} ({@link FileTombstones}) and the change outbox in memory. A summary index in memory
 * serves version checks and lists. File I/O runs on the worker pool, never on the event loop.
 */
public class FileAIconStore implements InProcessEvents, AutoCloseable {

    private static final String SUFFIX = ".aicon";

    private final StoreDirectory directory;
    private final StoredFileFormat format;
    private final DirectoryLock lock;
    private final FileHistory history;
    private final boolean recordHistory;
    private final StripedLocks locks = new StripedLocks(64);
    private final InProcessOutbox outbox;
    private final ConcurrentNavigableMap<String, AIconSummary> index = new ConcurrentSkipListMap<>();
    /** Loaded once by {@link #buildIndex}, when the store is made. */
    private FileTombstones tombstones;

    private final CorruptMarks marks;

    private FileAIconStore(
            StoreDirectory directory,
            StoredFileFormat format,
            DirectoryLock lock,
            boolean recordHistory,
            int outboxMaxEvents)
            throws IOException {
        this.outbox = new InProcessOutbox(outboxMaxEvents);
        this.directory = directory;
        this.format = format;
        this.lock = lock;
        this.history = new FileHistory(directory, format);
        this.recordHistory = recordHistory;
        this.marks = new CorruptMarks(directory);
        buildIndex();
    }

    /**
     * Locks the directory, completes an interrupted batch, clears temp files and indexes (and upgrades) files; a
     * store that fails to open releases the lock.
     */
    public static FileAIconStore open(
            Path root, ObjectMapper mapper, boolean gzip, boolean recordHistory, int outboxMaxEvents)
            throws IOException {
        StoreDirectory directory = StoreDirectory.prepare(root);
        DirectoryLock lock = DirectoryLock.acquire(directory.root());
        try {
            FileBatch.recover(directory);
            directory.clearTemporaryFiles();
            return new FileAIconStore(
                    directory, new StoredFileFormat(mapper, gzip), lock, recordHistory, outboxMaxEvents);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void buildIndex() throws IOException {
        long started = System.nanoTime();
        FormatUpgrade upgrade = new FormatUpgrade(directory.root());
        try (Stream<Path> files = Files.list(directory.aicons())) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(file -> {
                String id = idOf(file);
                try {
                    StoredFileFormat.Stored stored = format.decodeStored(id, Files.readAllBytes(file));
                    if (stored.format() != StoredFileFormat.FORMAT_VERSION) {
                        upgrade(stored);
                        upgrade.upgraded(id);
                    }
                    index.put(id, stored.aicon().summary());
                } catch (StoredFileFormat.UnreadableFile | IOException e) {
                    setAsideIfDamaged(id, file, e);
                }
            });
        }
        upgrade.finished();
        tombstones = FileTombstones.load(directory, index.keySet());
        marks.load(index::containsKey);
        Log.infof(
                "file store %s opened: %d AIcons indexed (%d deleted ids remembered) in %d ms",
                directory.root(), index.size(), tombstones.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Rewrites a previous-format file in the current format and records it as the AIcon's first known version. */
    private void upgrade(StoredFileFormat.Stored stored) throws IOException {
        byte[] encoded = format.encode(stored.aicon(), stored.kind());
        directory.replaceAtomically(fileOf(stored.aicon().id()), encoded);
        if (recordHistory) {
            history.record(stored.aicon(), stored.kind(), encoded);
        }
    }

    @Override
    public Uni<Optional<AIcon>> get(String id) {
        return blocking(() -> {
            requireUndamaged(id);
            return index.containsKey(id) ? read(id) : Optional.empty();
        });
    }

    @Override
    public Uni<Map<String, AIcon>> getAll(List<String> ids) {
        return blocking(() -> {
            ids.forEach(this::requireUndamaged);
            Map<String, AIcon> found = new LinkedHashMap<>();
            ids.stream().filter(index::containsKey).forEach(id -> read(id).ifPresent(aicon -> found.put(id, aicon)));
            return found;
        });
    }

    @Override
    public Uni<Map<String, Current>> currentAll(List<String> ids) {
        return blocking(() -> {
            ids.forEach(this::requireUndamaged);
            Map<String, Current> found = new LinkedHashMap<>();
            ids.forEach(id -> found.put(id, currentOf(id)));
            return found;
        });
    }

    private Current currentOf(String id) {
        Optional<AIcon> stored = index.containsKey(id) ? read(id) : Optional.empty();
        return stored.map(Current::stored).orElseGet(() -> Current.deleted(tombstones.of(id)));
    }

    private Optional<AIcon> read(String id) {
        Path file = fileOf(id);
        try {
            return Optional.of(format.decode(id, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StoredFileFormat.UnreadableFile e) {
            return locks.with(List.of(id), () -> retryOrSetAside(id, file));
        }
    }

    /** A read failed; under the id's lock (no write in flight) read once more, and set the file aside if still bad. */
    private Optional<AIcon> retryOrSetAside(String id, Path file) {
        try {
            return Optional.of(format.decode(id, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (StoredFileFormat.UnreadableFile | IOException e) {
            setAsideIfDamaged(id, file, e);
            throw new CorruptDocument(
                    id,
                    e instanceof StoredFileFormat.UnreadableFile
                            ? e.getMessage()
                            : "its file could not be read (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    /** An AIcon marked damaged answers {@link CorruptDocument} to every read and write until the mark is cleared. */
    private void requireUndamaged(String id) {
        marks.foundAt(id).ifPresent(at -> {
            throw new CorruptDocument(
                    id, "its stored file was found damaged at " + Timestamps.format(at) + " and set aside", null);
        });
    }

    private void setAsideIfDamaged(String id, Path file, Exception cause) {
        if (cause instanceof StoredFileFormat.UnreadableFile unreadable && !unreadable.damaged) {
            Log.errorf("AIcon %s: %s; the file is left in place", id, cause.getMessage());
            return;
        }
        index.remove(id);
        marks.setAside(id, file, cause.getMessage());
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        AIcon next = write.next();
        return blocking(() -> locks.with(List.of(next.id()), () -> {
            requireVersion(write);
            try {
                persist(next, write.kind());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tombstones.consume(next.id());
            return next;
        }));
    }

    private void persist(AIcon next, ChangeKind kind) throws IOException {
        byte[] encoded = format.encode(next, kind);
        directory.replaceAtomically(fileOf(next.id()), encoded);
        recorded(next, kind, encoded);
    }

    /**
     * After the AIcon's file is in place: index and outbox, which cannot fail, then history. A history file that
     * cannot be written (disk full) is logged, never a failure of a write that is already durable.
     */
    private void recorded(AIcon next, ChangeKind kind, byte[] encoded) {
        index.put(next.id(), next.summary());
        outbox.append(next, kind);
        if (recordHistory) {
            try {
                history.record(next, kind, encoded);
            } catch (IOException | UncheckedIOException e) {
                Log.errorf(
                        "AIcon %s: version %d is stored but its history entry could not be written: %s",
                        next.id(), next.version(), e.getMessage());
            }
        }
    }

    @Override
    public Uni<List<AIcon>> writeAll(List<StoreWrite> writes) {
        List<String> ids = writes.stream().map(w -> w.next().id()).toList();
        return blocking(() -> locks.with(ids, () -> {
            writes.forEach(this::requireVersion);
            try {
                Map<Path, byte[]> files = new LinkedHashMap<>();
                List<byte[]> encoded = new ArrayList<>(writes.size());
                for (StoreWrite write : writes) {
                    encoded.add(format.encode(write.next(), write.kind()));
                    files.put(fileOf(write.next().id()), encoded.get(encoded.size() - 1));
                }
                FileBatch.replaceAll(directory, files);
                for (int i = 0; i < writes.size(); i++) {
                    recorded(writes.get(i).next(), writes.get(i).kind(), encoded.get(i));
                    tombstones.consume(writes.get(i).next().id());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return writes.stream().map(StoreWrite::next).toList();
        }));
    }

    @Override
    public Uni<Void> delete(String id, long expectedVersion) {
        return blocking(() -> locks.with(List.of(id), () -> {
            requireVersion(id, expectedVersion);
            AIconSummary deleted = Objects.requireNonNull(index.get(id));
            try {
                tombstones.record(id, expectedVersion + 1);
                directory.deleteDurably(fileOf(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            index.remove(id);
            outbox.append(deleted.id(), deleted.aiconType(), ChangeKind.deleted, deleted.version());
            try {
                history.deleteAll(id);
            } catch (IOException | UncheckedIOException e) {
                Log.errorf("AIcon %s: deleted, but its history files could not all be removed: %s", id, e.getMessage());
            }
            return null;
        }));
    }

    /** The AIcon is at the expected version; a create is stamped with the version after the id's tombstone. */
    private void requireVersion(StoreWrite write) {
        String id = write.next().id();
        requireVersion(id, write.expectedVersion());
        if (write.creates() && write.next().version() != tombstones.of(id) + 1) {
            throw new VersionConflict(id, write.expectedVersion());
        }
    }

    private void requireVersion(String id, long expectedVersion) {
        requireUndamaged(id);
        AIconSummary current = index.get(id);
        if ((current == null ? 0 : current.version()) != expectedVersion) {
            throw new VersionConflict(id, expectedVersion);
        }
    }

    /** Clears the mark of a damaged AIcon (its set-aside files go to {@code corrupt/cleared/}) and its history. */
    @Override
    public Uni<Boolean> discardCorrupt(String id) {
        return blocking(() -> locks.with(List.of(id), () -> {
            try {
                if (!marks.clear(id)) {
                    return false;
                }
                tombstones.record(id, Math.max(history.latestVersion(id), tombstones.of(id)) + 1);
                history.deleteAll(id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }));
    }

    @Override
    public Uni<List<CorruptMark>> corruptDocuments() {
        return Uni.createFrom().item(marks::all);
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        return Uni.createFrom().item(() -> {
            var from = query.afterId() == null ? index : index.tailMap(query.afterId(), false);
            List<AIconSummary> fetched = from.values().stream()
                    .filter(query::matches)
                    .limit(query.limit() + 1L)
                    .toList();
            return Page.of(fetched, query.limit());
        });
    }

    @Override
    public Uni<VersionPage> versions(String id, long beforeVersion, int limit) {
        return blocking(() -> history.versions(id, beforeVersion, limit));
    }

    @Override
    public Uni<Optional<AIcon>> version(String id, long version) {
        return blocking(() -> history.version(id, version));
    }

    /**
     * Prunes the history of indexed AIcons only: the history of one whose file was set aside as damaged is its
     * only good copy and stays until an operator deals with it.
     */
    @Override
    public Uni<Long> pruneHistory(HistoryRetention retention) {
        return blocking(() -> {
            long removed = 0;
            try {
                for (String id : history.ids()) {
                    removed += locks.with(List.of(id), () -> {
                        AIconSummary current = index.get(id);
                        if (current == null) {
                            return 0L;
                        }
                        try {
                            return history.prune(retention, id, current.version());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return removed;
        });
    }

    @Override
    public InProcessOutbox outbox() {
        return outbox;
    }

    @Override
    public Uni<Void> ping() {
        return blocking(() -> {
            if (!Files.isWritable(directory.aicons())) {
                throw new IllegalStateException("file store directory " + directory.aicons() + " is not writable");
            }
            return null;
        });
    }

    @Override
    public String backend() {
        return "file";
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }

    private static <T> Uni<T> blocking(Supplier<T> action) {
        return BlockingWork.io(action::get);
    }

    private Path fileOf(String id) {
        return directory.aicons().resolve(id + SUFFIX);
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
