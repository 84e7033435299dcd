package dev.aicon.gateway.blob;

import dev.aicon.gateway.work.BlockingWork;
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

/** Brains as files under a directory ({@code <dir>/<aicon id>/<uuid>}), written by copy, fsync and rename. */
public class LocalBlobStore implements BlobStore {

    private final Path dir;
    private final BrainMeta.Location location;

    public LocalBlobStore(Path dir, BrainMeta.Location location) {
        this.dir = dir;
        this.location = location;
    }

    @Override
    public BrainMeta.Location location() {
        return location;
    }

    @Override
    public Uni<Void> put(String object, Path file) {
        return BlockingWork.io(() -> {
            Path target = pathOf(object);
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                folder.force(true);
            }
            return null;
        });
    }

    @Override
    public Uni<InputStream> open(String object) {
        return BlockingWork.io(() -> {
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
        return BlockingWork.io(() -> {
            Files.deleteIfExists(pathOf(object));
            return null;
        });
    }

    @Override
    public Uni<List<StoredObject>> list() {
        return BlockingWork.io(() -> {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(dir, 2)) {
                return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".part"))
                        .map(f -> {
                            try {
                                return new StoredObject(dir.relativize(f).toString(),
                                        Files.getLastModifiedTime(f).toInstant());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }).toList();
            }
        });
    }
}
