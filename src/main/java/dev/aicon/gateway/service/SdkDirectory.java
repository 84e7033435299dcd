package dev.aicon.gateway.service;

import dev.aicon.gateway.config.SdkConfig;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SDK state files in a directory on the gateway's machine ({@code ~/.aicon/states}). Only directories inside
 * {@code aicon.sdk.import-root} may be read, judged after {@code ..} is resolved, and reached through no symbolic
 * link below the root; without that setting no directory may. The listing is not recursive and runs on the worker
 * pool. It lists symbolic links too, which {@link SdkFileReader} refuses when it opens them, one report entry each.
 */
@ApplicationScoped
public class SdkDirectory {

    private final Optional<String> root;

    SdkDirectory(SdkConfig config) {
        this.root = config.importRoot();
    }

    /** The SDK files ({@code *.json}, {@code *.pkl}, {@code *.pickle}) directly in {@code dir}, by name. */
    public Uni<List<SdkFile>> files(String dir) {
        return BlockingWork.io(() -> list(dir));
    }

    private List<SdkFile> list(String dir) throws IOException {
        Path configured = Path.of(
                        root.orElseThrow(
                                () -> ServiceException.sdkImportForbidden(
                                        "directory imports "
                                                + "are off: set aicon.sdk.import-root (AICON_SDK_IMPORT_ROOT) to the directory they may read from")))
                .toAbsolutePath()
                .normalize();
        Path realRoot;
        try {
            realRoot = configured.toRealPath();
        } catch (NoSuchFileException e) {
            throw ServiceException.sdkDirectoryNotFound(configured.toString());
        }
        Path requested;
        try {
            requested = configured.resolve(dir).normalize();
        } catch (InvalidPathException e) {
            throw ServiceException.sdkDirectoryNotFound(dir);
        }
        Path directory;
        try {
            directory = requested.toRealPath();
        } catch (NoSuchFileException e) {
            if (!requested.startsWith(configured) && !requested.startsWith(realRoot)) {
                throw outside(dir);
            }
            throw ServiceException.sdkDirectoryNotFound(dir);
        }
        if (!directory.startsWith(realRoot)) {
            throw outside(dir);
        }
        if (!directory.equals(unlinked(configured, realRoot, requested))) {
            throw ServiceException.sdkImportForbidden("the directory '" + dir
                    + "' is reached through a symbolic link below the import root; directory imports follow no links");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw ServiceException.sdkDirectoryNotFound(dir);
        }
        // A link is listed, not skipped: the reader refuses it when it opens it (O_NOFOLLOW), so it gets its own
        // report entry, and a file swapped for a link after this listing is refused the same way.
        List<SdkFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (SdkFile.kindOf(name).isEmpty()) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (attributes.isSymbolicLink()) {
                    Log.warnf("SDK import from %s: %s is a symbolic link and is refused", directory, name);
                    files.add(new SdkFile(name, entry, 0));
                } else if (attributes.isRegularFile()) {
                    files.add(new SdkFile(name, entry, attributes.size()));
                }
            }
        }
        return files;
    }

    /**
     * Where {@code requested} would be if no directory below the root were a link: its real path when it is written
     * under the configured root or under the root's real path, else null (it can only reach the root through a link).
     */
    private static @Nullable Path unlinked(Path configured, Path realRoot, Path requested) {
        if (requested.startsWith(realRoot)) {
            return requested;
        }
        if (requested.startsWith(configured)) {
            return realRoot.resolve(configured.relativize(requested));
        }
        return null;
    }

    private ServiceException outside(String dir) {
        return ServiceException.sdkImportForbidden("the directory '" + dir + "' is outside the import root "
                + root.orElseThrow() + " (aicon.sdk.import-root)");
    }
}
