package dev.aicon.gateway.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Bytes on disk under one quota, counted without locks: a writer reserves its bytes before writing them and releases
 * them when the file is deleted, so the count never blocks and a write that would pass the quota fails before it
 * starts. At start the count is set from the files found ({@link #scan}).
 */
public final class DiskQuota {

    private final String key;
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    public DiskQuota(String key, long maxBytes) {
        this.key = key;
        this.maxBytes = maxBytes;
    }

    /** Counts {@code bytes} more, or fails with {@link InsufficientStorage} (counting nothing) past the quota. */
    public void reserve(long bytes) {
        long before;
        do {
            before = used.get();
            if (before + bytes > maxBytes) {
                throw new InsufficientStorage(key, bytes, before, maxBytes);
            }
        } while (!used.compareAndSet(before, before + bytes));
    }

    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Adds the size of every finished file under {@code dirs} (files ending {@code .part} are being written, and
     * their writers hold reservations of their own). Blocking: run it on a worker.
     */
    public void scan(Path... dirs) throws IOException {
        long total = 0;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.find(
                    dir,
                    Integer.MAX_VALUE,
                    (path, attributes) -> attributes.isRegularFile()
                            && !path.getFileName().toString().endsWith(".part"))) {
                total += files.mapToLong(DiskQuota::sizeOrZero).sum();
            }
        }
        used.addAndGet(total);
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).size();
        } catch (IOException gone) {
            return 0;
        }
    }
}
