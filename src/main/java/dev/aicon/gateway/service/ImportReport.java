package dev.aicon.gateway.service;

import io.quarkus.logging.Log;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.TreeMap;

/**
 * The running account of one import: lines read, AIcons imported, lines failed with the failures of the first
 * {@value #MAX_ERRORS} failed lines kept for the answer (a line may fail when read or when its chunk is written). Logs
 * progress every {@code aicon.batch.progress-every} lines
 * and one summary line, with counts and rates only. Used by one import at a time, never concurrently.
 */
public final class ImportReport {

    /** A line that was not imported, and why. */
    public record LineError(long line, @Nullable String id, Throwable error) {}

    static final int MAX_ERRORS = 100;

    private final int progressEvery;
    private final long started = System.nanoTime();
    private final TreeMap<Long, LineError> errors = new TreeMap<>();
    private long lines;
    private long imported;
    private long failed;

    ImportReport(int progressEvery) {
        this.progressEvery = progressEvery;
    }

    /** Counts a line of the body as read, blank or not. */
    public void lineRead() {
        lines++;
        if (lines % progressEvery == 0) {
            Log.infof(
                    "import: %d lines read, %d AIcons imported, %d lines failed (%.0f lines/s)",
                    lines, imported, failed, rate());
        }
    }

    public void failed(long line, @Nullable String id, Throwable error) {
        failed++;
        errors.put(line, new LineError(line, id, error));
        if (errors.size() > MAX_ERRORS) {
            errors.pollLastEntry();
        }
    }

    void imported(int count) {
        imported += count;
    }

    public void finished() {
        Log.infof(
                "import done: %d lines, %d AIcons imported, %d lines failed in %d ms (%.0f lines/s)",
                lines, imported, failed, (System.nanoTime() - started) / 1_000_000, rate());
    }

    public void stopped(Throwable cause) {
        Log.warnf(
                "import stopped after %d lines, %d AIcons imported, %d lines failed: %s",
                lines, imported, failed, cause.getMessage());
    }

    public long imported() {
        return imported;
    }

    public long failedLines() {
        return failed;
    }

    /** In line order. */
    public List<LineError> errors() {
        return List.copyOf(errors.values());
    }

    private double rate() {
        return lines / Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    }
}
