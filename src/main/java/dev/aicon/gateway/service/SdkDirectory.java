package dev.aicon.gateway.service;

import dev.aicon.gateway.config.SdkConfig;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SDK state files in a directory on the gateway's machine ({@code ~/.aicon/states}). Only directories inside
 * {@code aicon.sdk.import-root} may be read, judged after {@code ..} and symbolic links are resolved; without that
 * setting no directory may. The listing is not recursive and runs on the worker pool.
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
        if (!Files.isDirectory(directory)) {
            throw ServiceException.sdkDirectoryNotFound(dir);
        }
        List<SdkFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (SdkFile.kindOf(name).isEmpty() || !Files.isRegularFile(entry)) {
                    continue;
                }
                if (entry.toRealPath().startsWith(realRoot)) {
                    files.add(new SdkFile(name, entry, Files.size(entry)));
                } else {
                    Log.warnf("SDK import from %s: %s links out of the import root and is skipped", directory, name);
                }
            }
        }
        return files;
    }

    private ServiceException outside(String dir) {
        return ServiceException.sdkImportForbidden("the directory '" + dir + "' is outside the import root "
                + root.orElseThrow() + " (aicon.sdk.import-root)");
    }
}
