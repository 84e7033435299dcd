package dev.aicon.gateway.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
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
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The embedded default: one file per AIcon, replaced atomically on every write, with its recorded versions
 * ({@link FileHistory}), the tombstones of deleted ids ({@link FileTombstones}) and the change outbox in memory. A
 * summary index in memory serves version checks and lists. File I/O runs on the worker pool, never on the event loop.
 * <p>
 * Each tenant has its own folders: tenant {@code default} keeps the layout of a store from before tenants existed,
 * {@code <dir>/aicons}, {@code <dir>/history}, {@code <dir>/tombstones}, {@code <dir>/corrupt} (so such a store opens
 * with all its AIcons in tenant {@code default}, nothing moved), and every other tenant the same folders under
 * {@code <dir>/tenants/<tenant>/}. Tenant ids are DNS labels, so a tenant is always one safe folder name.
 */
public class FileAIconStore implements InProcessEvents, AutoCloseable {

    private static final String SUFFIX = ".aicon";

    /** The folder, under the store's root, of the tenants other than {@code default}. */
    static final String TENANTS = "tenants";

    private final Path root;
    private final StoredFileFormat format;
    private final DirectoryLock lock;
    private final boolean recordHistory;
    private final StripedLocks locks = new StripedLocks(64);
    private final InProcessOutbox outbox;
    private final ConcurrentMap<TenantId, TenantFiles> tenants = new ConcurrentHashMap<>();

    /** The files of one tenant: its folders, summary index, history, tombstones and damage marks. */
    private final class TenantFiles {
        private final TenantId tenant;
        private final StoreDirectory directory;
        private final FileHistory history;
        private final CorruptMarks marks;
        private final ConcurrentNavigableMap<String, AIconSummary> index = new ConcurrentSkipListMap<>();
        private final FileTombstones tombstones;

        TenantFiles(TenantId tenant, StoreDirectory directory) throws IOException {
            this.tenant = tenant;
            this.directory = directory;
            this.history = new FileHistory(directory, format);
            this.marks = new CorruptMarks(directory, tenant);
            buildIndex();
            this.tombstones = FileTombstones.load(directory, index.keySet());
            marks.load(index::containsKey);
        }

        private void buildIndex() throws IOException {
            FormatUpgrade upgrade = new FormatUpgrade(directory.root());
            try (Stream<Path> files = Files.list(directory.aicons())) {
                files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(file -> {
                    String id = idOf(file);
                    try {
                        StoredFileFormat.Stored stored = format.decodeStored(id, Files.readAllBytes(file));
                        if (stored.format() != StoredFileFormat.FORMAT_VERSION) {
                            upgrade(this, stored);
                            upgrade.upgraded(id);
                        }
                        index.put(id, stored.aicon().summary());
                    } catch (StoredFileFormat.UnreadableFile | IOException e) {
                        setAsideIfDamaged(this, id, file, e);
                    }
                });
            }
            upgrade.finished();
        }

        Path fileOf(String id) {
            return directory.aicons().resolve(id + SUFFIX);
        }

        /** The lock stripe key of an id of this tenant. */
        String lockKey(String id) {
            return tenant.value() + "/" + id;
        }
    }

    private FileAIconStore(
            Path root,
            Map<TenantId, StoreDirectory> directories,
            StoredFileFormat format,
            DirectoryLock lock,
            boolean recordHistory,
            int outboxMaxEvents)
            throws IOException {
        this.outbox = new InProcessOutbox(outboxMaxEvents);
        this.root = root;
        this.format = format;
        this.lock = lock;
        this.recordHistory = recordHistory;
        long started = System.nanoTime();
        for (var entry : directories.entrySet()) {
            tenants.put(entry.getKey(), new TenantFiles(entry.getKey(), entry.getValue()));
        }
        Log.infof(
                "file store %s opened: %d AIcons of %d tenants indexed (%d deleted ids remembered) in %d ms",
                root,
                tenants.values().stream().mapToInt(t -> t.index.size()).sum(),
                tenants.size(),
                tenants.values().stream().mapToInt(t -> t.tombstones.size()).sum(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Locks the directory; for each tenant's folders, completes an interrupted batch, clears temp files and indexes
     * (and upgrades) files; a store that fails to open releases the lock.
     */
    public static FileAIconStore open(
            Path root, ObjectMapper mapper, boolean gzip, boolean recordHistory, int outboxMaxEvents)
            throws IOException {
        StoreDirectory defaultDirectory = StoreDirectory.prepare(root);
        DirectoryLock lock = DirectoryLock.acquire(defaultDirectory.root());
        try {
            Map<TenantId, StoreDirectory> directories = new LinkedHashMap<>();
            directories.put(TenantId.DEFAULT, defaultDirectory);
            Path others = root.resolve(TENANTS);
            if (Files.isDirectory(others)) {
                try (Stream<Path> folders = Files.list(others)) {
                    for (Path folder : folders.sorted().toList()) {
                        String name = folder.getFileName().toString();
                        if (Files.isDirectory(folder)
                                && TenantId.isValid(name)
                                && !name.equals(TenantId.DEFAULT.value())) {
                            directories.put(new TenantId(name), StoreDirectory.prepare(folder));
                        } else {
                            Log.warnf("file store %s: %s is not a tenant's folder; ignored", root, folder);
                        }
                    }
                }
            }
            for (StoreDirectory directory : directories.values()) {
                FileBatch.recover(directory);
                directory.clearTemporaryFiles();
            }
            return new FileAIconStore(
                    root, directories, new StoredFileFormat(mapper, gzip), lock, recordHistory, outboxMaxEvents);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The folder of {@code tenant}'s files under {@code root}. */
    static Path folderOf(Path root, TenantId tenant) {
        return tenant.equals(TenantId.DEFAULT) ? root : root.resolve(TENANTS).resolve(tenant.value());
    }

    /** The tenant's files, when it has written anything; reads of a tenant without files find nothing. */
    private @Nullable TenantFiles existing(TenantId tenant) {
        return tenants.get(tenant);
    }

    /** The tenant's files, made (empty) on its first write; on a worker thread. */
    private TenantFiles partition(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, t -> {
            try {
                return new TenantFiles(t, StoreDirectory.prepare(folderOf(root, t)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Rewrites a previous-format file in the current format and records it as the AIcon's first known version. */
    private void upgrade(TenantFiles t, StoredFileFormat.Stored stored) throws IOException {
        byte[] encoded = format.encode(stored.aicon(), stored.kind());
        t.directory.replaceAtomically(t.fileOf(stored.aicon().id()), encoded);
        if (recordHistory) {
            t.history.record(stored.aicon(), stored.kind(), encoded);
        }
    }

    @Override
    public Uni<Optional<AIcon>> get(TenantId tenant, String id) {
        return blocking(() -> {
            TenantFiles t = existing(tenant);
            if (t == null) {
                return Optional.empty();
            }
            requireUndamaged(t, id);
            return t.index.containsKey(id) ? read(t, id) : Optional.empty();
        });
    }

    @Override
    public Uni<Map<String, AIcon>> getAll(TenantId tenant, List<String> ids) {
        return blocking(() -> {
            Map<String, AIcon> found = new LinkedHashMap<>();
            TenantFiles t = existing(tenant);
            if (t == null) {
                return found;
            }
            ids.forEach(id -> requireUndamaged(t, id));
            ids.stream()
                    .filter(t.index::containsKey)
                    .forEach(id -> read(t, id).ifPresent(aicon -> found.put(id, aicon)));
            return found;
        });
    }

    @Override
    public Uni<Map<String, Current>> currentAll(TenantId tenant, List<String> ids) {
        return blocking(() -> {
            Map<String, Current> found = new LinkedHashMap<>();
            TenantFiles t = existing(tenant);
            if (t == null) {
                ids.forEach(id -> found.put(id, Current.deleted(0)));
                return found;
            }
            ids.forEach(id -> requireUndamaged(t, id));
            ids.forEach(id -> found.put(id, currentOf(t, id)));
            return found;
        });
    }

    private Current currentOf(TenantFiles t, String id) {
        Optional<AIcon> stored = t.index.containsKey(id) ? read(t, id) : Optional.empty();
        return stored.map(Current::stored).orElseGet(() -> Current.deleted(t.tombstones.of(id)));
    }

    private Optional<AIcon> read(TenantFiles t, String id) {
        Path file = t.fileOf(id);
        try {
            return Optional.of(format.decode(id, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StoredFileFormat.UnreadableFile e) {
            return locks.with(List.of(t.lockKey(id)), () -> retryOrSetAside(t, id, file));
        }
    }

    /** A read failed; under the id's lock (no write in flight) read once more, and set the file aside if still bad. */
    private Optional<AIcon> retryOrSetAside(TenantFiles t, String id, Path file) {
        try {
            return Optional.of(format.decode(id, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (StoredFileFormat.UnreadableFile | IOException e) {
            setAsideIfDamaged(t, id, file, e);
            throw new CorruptDocument(
                    id,
                    e instanceof StoredFileFormat.UnreadableFile
                            ? e.getMessage()
                            : "its file could not be read (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    /** An AIcon marked damaged answers {@link CorruptDocument} to every read and write until the mark is cleared. */
    private static void requireUndamaged(TenantFiles t, String id) {
        t.marks.foundAt(id).ifPresent(at -> {
            throw new CorruptDocument(
                    id, "its stored file was found damaged at " + Timestamps.format(at) + " and set aside", null);
        });
    }

    private static void setAsideIfDamaged(TenantFiles t, String id, Path file, Exception cause) {
        if (cause instanceof StoredFileFormat.UnreadableFile unreadable && !unreadable.damaged) {
            Log.errorf("AIcon %s of tenant %s: %s; the file is left in place", id, t.tenant, cause.getMessage());
            return;
        }
        t.index.remove(id);
        t.marks.setAside(id, file, cause.getMessage());
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        AIcon next = write.next();
        return blocking(() -> {
            TenantFiles t = partition(write.tenant());
            return locks.with(List.of(t.lockKey(next.id())), () -> {
                requireVersion(t, write);
                try {
                    persist(t, next, write.kind());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                t.tombstones.consume(next.id());
                return next;
            });
        });
    }

    private void persist(TenantFiles t, AIcon next, ChangeKind kind) throws IOException {
        byte[] encoded = format.encode(next, kind);
        t.directory.replaceAtomically(t.fileOf(next.id()), encoded);
        recorded(t, next, kind, encoded);
    }

    /**
     * After the AIcon's file is in place: index and outbox, which cannot fail, then history. A history file that
     * cannot be written (disk full) is logged, never a failure of a write that is already durable.
     */
    private void recorded(TenantFiles t, AIcon next, ChangeKind kind, byte[] encoded) {
        t.index.put(next.id(), next.summary());
        outbox.append(t.tenant, next, kind);
        if (recordHistory) {
            try {
                t.history.record(next, kind, encoded);
            } catch (IOException | UncheckedIOException e) {
                Log.errorf(
                        "AIcon %s of tenant %s: version %d is stored but its history entry could not be written: %s",
                        next.id(), t.tenant, next.version(), e.getMessage());
            }
        }
    }

    /** The writes are all of one tenant: a batch is one tenant's, and is atomic within that tenant's folders. */
    @Override
    public Uni<List<AIcon>> writeAll(List<StoreWrite> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        TenantId tenant = writes.get(0).tenant();
        if (writes.stream().anyMatch(w -> !w.tenant().equals(tenant))) {
            throw new IllegalArgumentException("a batch writes the AIcons of one tenant");
        }
        return blocking(() -> {
            TenantFiles t = partition(tenant);
            List<String> keys =
                    writes.stream().map(w -> t.lockKey(w.next().id())).toList();
            return locks.with(keys, () -> {
                writes.forEach(write -> requireVersion(t, write));
                try {
                    Map<Path, byte[]> files = new LinkedHashMap<>();
                    List<byte[]> encoded = new ArrayList<>(writes.size());
                    for (StoreWrite write : writes) {
                        encoded.add(format.encode(write.next(), write.kind()));
                        files.put(t.fileOf(write.next().id()), encoded.get(encoded.size() - 1));
                    }
                    FileBatch.replaceAll(t.directory, files);
                    for (int i = 0; i < writes.size(); i++) {
                        recorded(t, writes.get(i).next(), writes.get(i).kind(), encoded.get(i));
                        t.tombstones.consume(writes.get(i).next().id());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return writes.stream().map(StoreWrite::next).toList();
            });
        });
    }

    @Override
    public Uni<Void> delete(TenantId tenant, String id, long expectedVersion) {
        return blocking(() -> {
            TenantFiles t = existing(tenant);
            if (t == null) {
                throw new VersionConflict(id, expectedVersion);
            }
            return locks.with(List.of(t.lockKey(id)), () -> {
                requireVersion(t, id, expectedVersion);
                AIconSummary deleted = Objects.requireNonNull(t.index.get(id));
                try {
                    t.tombstones.record(id, expectedVersion + 1);
                    t.directory.deleteDurably(t.fileOf(id));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                t.index.remove(id);
                outbox.append(tenant, deleted.id(), deleted.aiconType(), ChangeKind.deleted, deleted.version());
                try {
                    t.history.deleteAll(id);
                } catch (IOException | UncheckedIOException e) {
                    Log.errorf(
                            "AIcon %s of tenant %s: deleted, but its history files could not all be removed: %s",
                            id, tenant, e.getMessage());
                }
                return null;
            });
        });
    }

    /** The AIcon is at the expected version; a create is stamped with the version after the id's tombstone. */
    private static void requireVersion(TenantFiles t, StoreWrite write) {
        String id = write.next().id();
        requireVersion(t, id, write.expectedVersion());
        if (write.creates() && write.next().version() != t.tombstones.of(id) + 1) {
            throw new VersionConflict(id, write.expectedVersion());
        }
    }

    private static void requireVersion(TenantFiles t, String id, long expectedVersion) {
        requireUndamaged(t, id);
        AIconSummary current = t.index.get(id);
        if ((current == null ? 0 : current.version()) != expectedVersion) {
            throw new VersionConflict(id, expectedVersion);
        }
    }

    /** Clears the mark of a damaged AIcon (its set-aside files go to {@code corrupt/cleared/}) and its history. */
    @Override
    public Uni<Boolean> discardCorrupt(TenantId tenant, String id) {
        return blocking(() -> {
            TenantFiles t = existing(tenant);
            if (t == null) {
                return false;
            }
            return locks.with(List.of(t.lockKey(id)), () -> {
                try {
                    if (!t.marks.clear(id)) {
                        return false;
                    }
                    t.tombstones.record(id, Math.max(t.history.latestVersion(id), t.tombstones.of(id)) + 1);
                    t.history.deleteAll(id);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            });
        });
    }

    @Override
    public Uni<List<CorruptMark>> corruptDocuments() {
        return Uni.createFrom()
                .item(() -> tenants.values().stream()
                        .flatMap(t -> t.marks.all().stream())
                        .sorted(Comparator.comparing(
                                        (CorruptMark m) -> m.tenant().value())
                                .thenComparing(CorruptMark::id))
                        .toList());
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        return Uni.createFrom().item(() -> {
            TenantFiles t = existing(query.tenant());
            if (t == null) {
                return Page.of(List.of(), query.limit());
            }
            var from = query.afterId() == null ? t.index : t.index.tailMap(query.afterId(), false);
            List<AIconSummary> fetched = from.values().stream()
                    .filter(query::matches)
                    .limit(query.limit() + 1L)
                    .toList();
            return Page.of(fetched, query.limit());
        });
    }

    @Override
    public Uni<VersionPage> versions(TenantId tenant, String id, long beforeVersion, int limit) {
        return blocking(() -> {
            TenantFiles t = existing(tenant);
            return t == null ? VersionPage.of(List.of(), limit) : t.history.versions(id, beforeVersion, limit);
        });
    }

    @Override
    public Uni<Optional<AIcon>> version(TenantId tenant, String id, long version) {
        return blocking(() -> {
            TenantFiles t = existing(tenant);
            return t == null ? Optional.empty() : t.history.version(id, version);
        });
    }

    /**
     * Prunes the history of indexed AIcons only, tenant by tenant: the history of one whose file was set aside as
     * damaged is its only good copy and stays until an operator deals with it.
     */
    @Override
    public Uni<Long> pruneHistory(HistoryRetention retention) {
        return blocking(() -> {
            long removed = 0;
            for (TenantFiles t : tenants.values()) {
                removed += prune(t, retention);
            }
            return removed;
        });
    }

    private long prune(TenantFiles t, HistoryRetention retention) {
        long removed = 0;
        try {
            for (String id : t.history.ids()) {
                removed += locks.with(List.of(t.lockKey(id)), () -> {
                    AIconSummary current = t.index.get(id);
                    if (current == null) {
                        return 0L;
                    }
                    try {
                        return t.history.prune(retention, id, current.version());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    @Override
    public InProcessOutbox outbox() {
        return outbox;
    }

    @Override
    public Uni<Void> ping() {
        return blocking(() -> {
            Path aicons = Objects.requireNonNull(tenants.get(TenantId.DEFAULT))
                    .directory
                    .aicons();
            if (!Files.isWritable(aicons)) {
                throw new IllegalStateException("file store directory " + aicons + " is not writable");
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

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
