package dev.aicon.gateway.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The durable replay progress: the last seq that reached the store, in {@code replayed-seq}, replaced atomically. */
final class ReplayMark {

    private static final String FILE = "replayed-seq";

    private final Path dir;

    ReplayMark(Path dir) {
        this.dir = dir;
    }

    long read() throws IOException {
        Path mark = dir.resolve(FILE);
        return Files.exists(mark) ? Long.parseLong(Files.readString(mark).trim()) : 0;
    }

    /** Writes {@code seq} to a temporary file, forces it, then moves it over the mark. */
    void write(long seq) throws IOException {
        Path temp = dir.resolve(FILE + ".tmp");
        Files.writeString(temp, Long.toString(seq), StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
