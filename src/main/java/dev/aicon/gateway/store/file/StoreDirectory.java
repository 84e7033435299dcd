package dev.aicon.gateway.store.file;

import dev.aicon.gateway.work.LeftoverFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** The folders of a file store and the durable file operations on them (temp file, fsync, rename, fsync dir). */
record StoreDirectory(Path root, Path aicons, Path temporary, Path corrupt, Path history) {

    static StoreDirectory prepare(Path root) throws IOException {
        StoreDirectory directory = new StoreDirectory(
                root, root.resolve("aicons"), root.resolve("tmp"), root.resolve("corrupt"), root.resolve("history"));
        Files.createDirectories(directory.aicons);
        Files.createDirectories(directory.history);
        Files.createDirectories(directory.temporary);
        Files.createDirectories(directory.corrupt);
        return directory;
    }

    /** Writes {@code bytes} to a temp file, forces it to disk, renames it over {@code target}, forces the folder. */
    void replaceAtomically(Path target, byte[] bytes) throws IOException {
        replace(target, bytes, true);
        forceDirectory(Objects.requireNonNull(target.getParent()));
    }

    /** As {@link #replaceAtomically} without forcing to disk: a process crash never leaves a torn file. */
    void replaceQuickly(Path target, byte[] bytes) throws IOException {
        replace(target, bytes, false);
    }

    private void replace(Path target, byte[] bytes, boolean force) throws IOException {
        Path temp = writeTemporary(target, bytes, force);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    Path writeTemporary(Path target, byte[] bytes, boolean force) throws IOException {
        Path temp = Files.createTempFile(temporary, target.getFileName().toString(), ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (force) {
                channel.force(true);
            }
        }
        return temp;
    }

    void deleteDurably(Path target) throws IOException {
        Files.deleteIfExists(target);
        forceDirectory(Objects.requireNonNull(target.getParent()));
    }

    /** Moves a damaged file to {@code corrupt/}, named by id and time, and returns where it went. */
    Path setAside(Path file, String id) {
        Path aside = corrupt.resolve(id + "." + System.currentTimeMillis() + ".aicon");
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(aicons);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set aside " + file, e);
        }
    }

    /** Removes temp files a crash left behind; they never hold acknowledged data. */
    void clearTemporaryFiles() throws IOException {
        LeftoverFiles.deleteEndingWith(temporary, "");
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
