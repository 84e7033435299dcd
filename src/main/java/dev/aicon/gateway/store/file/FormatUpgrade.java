package dev.aicon.gateway.store.file;

import io.quarkus.logging.Log;

import java.nio.file.Path;

/** Counts and logs the files rewritten from the previous format while a store opens (progress every 1,000). */
final class FormatUpgrade {

    private final Path root;
    private int upgraded;

    FormatUpgrade(Path root) {
        this.root = root;
    }

    void upgraded(String id) {
        upgraded++;
        if (upgraded % 1000 == 0) {
            Log.infof(
                    "file store %s: %d AIcons upgraded to format_version %d so far (last %s)",
                    root, upgraded, StoredFileFormat.FORMAT_VERSION, id);
        }
    }

    void finished() {
        if (upgraded > 0) {
            Log.infof(
                    "file store %s: upgraded %d AIcons from format_version %d to %d",
                    root, upgraded, StoredFileFormat.PREVIOUS_FORMAT_VERSION, StoredFileFormat.FORMAT_VERSION);
        }
    }
}
