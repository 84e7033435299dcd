package dev.aicon.gateway.service;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One state file the AIcon SDK wrote, to import: {@code name} is the file's own name (it decides what the file
 * is), {@code path} where its bytes are now (an upload's spool file, or the file itself), {@code size} its length.
 */
public record SdkFile(String name, Path path, long size) {

    /**
     * What an SDK file holds: {@code <id>.json} is an AIcon document, {@code <id>.pkl} / {@code <id>.pickle} a brain.
     */
    public enum Kind {
        document,
        brain
    }

    public Optional<Kind> kind() {
        return kindOf(name);
    }

    /** The kind of a file of that name, by its extension, or empty when the SDK does not write files so named. */
    public static Optional<Kind> kindOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return Optional.of(Kind.document);
        } else if (lower.endsWith(".pkl") || lower.endsWith(".pickle")) {
            return Optional.of(Kind.brain);
        }
        return Optional.empty();
    }

    /** The name without its extension: the AIcon id the SDK named the file after. */
    public String stem() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** The last segment of a client-sent file name (some clients send a whole path). */
    public static String baseName(String fileName) {
        String name = fileName == null ? "" : fileName;
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }
}
