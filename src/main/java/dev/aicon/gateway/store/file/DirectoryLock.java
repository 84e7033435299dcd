package dev.aicon.gateway.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive OS lock on the store directory, so two gateway processes never write one store. */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path directory) throws IOException {
        Path lockFile = directory.resolve(".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new StoreDirectoryInUse(directory);
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** Another process (or store instance) holds the directory. */
    static final class StoreDirectoryInUse extends IllegalStateException {
        StoreDirectoryInUse(Path directory) {
            super(
                    "the file store directory " + directory.toAbsolutePath()
                            + " is locked by another gateway process; stop it or set aicon.store.file.dir to another directory");
        }
    }
}
