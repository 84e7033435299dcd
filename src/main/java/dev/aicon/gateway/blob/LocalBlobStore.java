package dev.aicon.gateway.blob;

import io.smallrye.mutiny.Uni;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Brains as files under a directory ({@code <dir>/<aicon id>/<uuid>}), written by copy, fsync and rename on
 * {@code aicon-brain} threads. Every file's bytes are reserved in the directory's disk quota before it is written and
 * released when it is deleted, so a put past the quota fails with {@link InsufficientStorage} and writes nothing.
 */
public class LocalBlobStore implements BlobStore {

    private final Path dir;
    private final BrainMeta.Location location;
    private final DiskQuota quota;
    private final BrainWorkers workers;

    public LocalBlobStore(Path dir, BrainMeta.Location location, DiskQuota quota, BrainWorkers workers) {
        this.dir = dir;
        this.location = location;
        this.quota = quota;
        this.workers = workers;
    }

    @Override
    public BrainMeta.Location location() {
        return location;
    }

    @Override
    public Uni<Void> put(String object, Path file) {
        return workers.run(() -> {
            Path target = pathOf(object);
            long size = Files.size(file);
            quota.reserve(size);
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            try {
                Files.createDirectories(target.getParent());
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                quota.release(size);
                throw e;
            }
            try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                folder.force(true);
            }
            return null;
        });
    }

    @Override
    public Uni<InputStream> open(String object) {
        return workers.run(() -> {
            try {
                return Files.newInputStream(pathOf(object));
            } catch (NoSuchFileException e) {
                throw new BlobMissing(object);
            }
        });
    }

    /** The file of {@code object}, for reads that can send it as it is. */
    public Path pathOf(String object) {
        Path path = dir.resolve(object).normalize();
        if (!path.startsWith(dir.normalize())) {
            throw new IllegalArgumentException("object name escapes the blob directory: " + object);
        }
        return path;
    }

    @Override
    public Uni<Void> delete(String object) {
        return workers.run(() -> {
            Path file = pathOf(object);
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException gone) {
                return null;
            }
            if (Files.deleteIfExists(file)) {
                quota.release(size);
            }
            return null;
        });
    }

    /** Whether {@code object} is stored here. Blocking. */
    public boolean holds(String object) {
        return Files.isRegularFile(pathOf(object));
    }

    @Override
    public Uni<List<StoredObject>> list() {
        return workers.run(() -> {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(dir, 3)) {
                return files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().endsWith(".part"))
                        .map(f -> {
                            try {
                                return new StoredObject(
                                        dir.relativize(f).toString(),
                                        Files.getLastModifiedTime(f).toInstant());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .toList();
            }
        });
    }
}
