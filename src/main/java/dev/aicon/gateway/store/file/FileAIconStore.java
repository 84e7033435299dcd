package dev.aicon.gateway.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconSummary;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.ListQuery;
import dev.aicon.gateway.store.Page;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The embedded default: one file per AIcon under {@code <dir>/aicons}, replaced atomically on every write. A summary
 * index in memory serves version checks and lists. File I/O runs on the worker pool, never on the event loop.
 */
public class FileAIconStore implements AIconStore, AutoCloseable {

    private static final String SUFFIX = ".aicon";

    private final StoreDirectory directory;
    private final StoredFileFormat format;
    private final DirectoryLock lock;
    private final ConcurrentNavigableMap<String, AIconSummary> index = new ConcurrentSkipListMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    private FileAIconStore(StoreDirectory directory, StoredFileFormat format, DirectoryLock lock) {
        this.directory = directory;
        this.format = format;
        this.lock = lock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the directory, clears unfinished temp files and indexes what is stored. */
    public static FileAIconStore open(Path root, ObjectMapper mapper, boolean gzip) throws IOException {
        StoreDirectory directory = StoreDirectory.prepare(root);
        DirectoryLock lock = DirectoryLock.acquire(directory.root());
        FileAIconStore store = new FileAIconStore(directory, new StoredFileFormat(mapper, gzip), lock);
        directory.clearTemporaryFiles();
        store.buildIndex();
        return store;
    }

    private void buildIndex() throws IOException {
        long started = System.nanoTime();
        try (Stream<Path> files = Files.list(directory.aicons())) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(file -> {
                String id = idOf(file);
                try {
                    index.put(id, format.decode(id, Files.readAllBytes(file)).summary());
                } catch (StoredFileFormat.UnreadableFile | IOException e) {
                    setAsideIfDamaged(id, file, e);
                }
            });
        }
        Log.infof("file store %s opened: %d AIcons indexed in %d ms", directory.root(), index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public Uni<Optional<AIcon>> get(String id) {
        return blocking(() -> index.containsKey(id) ? read(id) : Optional.empty());
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
            return withLock(id, () -> retryOrSetAside(id, file));
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
            throw new CorruptDocument(id, e.getMessage(), e);
        }
    }

    private void setAsideIfDamaged(String id, Path file, Exception cause) {
        if (cause instanceof StoredFileFormat.UnreadableFile unreadable && !unreadable.damaged) {
            Log.errorf("AIcon %s: %s; the file is left in place", id, cause.getMessage());
            return;
        }
        index.remove(id);
        Path aside = directory.setAside(file, id);
        Log.errorf("AIcon %s: stored file is damaged (%s); moved to %s", id, cause.getMessage(), aside);
    }

    @Override
    public Uni<AIcon> write(StoreWrite write) {
        AIcon next = write.next();
        return blocking(() -> withLock(next.id(), () -> {
            requireVersion(next.id(), write.expectedVersion());
            try {
                directory.replaceAtomically(fileOf(next.id()), format.encode(next));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            index.put(next.id(), next.summary());
            return next;
        }));
    }

    @Override
    public Uni<Void> delete(String id, long expectedVersion) {
        return blocking(() -> withLock(id, () -> {
            requireVersion(id, expectedVersion);
            try {
                directory.deleteDurably(fileOf(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            index.remove(id);
            return null;
        }));
    }

    private void requireVersion(String id, long expectedVersion) {
        AIconSummary current = index.get(id);
        if ((current == null ? 0 : current.version()) != expectedVersion) {
            throw new VersionConflict(id, expectedVersion);
        }
    }

    @Override
    public Uni<Page> list(ListQuery query) {
        return Uni.createFrom().item(() -> {
            var from = query.afterId() == null ? index : index.tailMap(query.afterId(), false);
            List<AIconSummary> fetched = from.values().stream().filter(query::matches).limit(query.limit() + 1L)
                    .toList();
            return Page.of(fetched, query.limit());
        });
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

    private <T> T withLock(String id, Supplier<T> action) {
        ReentrantLock stripe = stripes[Math.floorMod(id.hashCode(), stripes.length)];
        stripe.lock();
        try {
            return action.get();
        } finally {
            stripe.unlock();
        }
    }

    private static <T> Uni<T> blocking(Supplier<T> action) {
        return Uni.createFrom().item(action).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Path fileOf(String id) {
        return directory.aicons().resolve(id + SUFFIX);
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
