package dev.aicon.gateway.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Removes the files an earlier run left behind in a folder of scratch files (temp files, partial uploads). Blocking.
 */
public final class LeftoverFiles {

    private LeftoverFiles() {}

    /** Deletes every file in {@code dir} whose name ends with {@code suffix} ("" for every file). */
    public static void deleteEndingWith(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path leftover : files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }
}
