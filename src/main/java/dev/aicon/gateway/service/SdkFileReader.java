package dev.aicon.gateway.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.blob.BlobQuotas;
import dev.aicon.gateway.blob.DiskQuota;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.config.SdkConfig;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.work.BlockingWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Reads SDK state files (blocking: call it on the worker pool) and tells their AIcon ids. A document is read as
 * strictly as a request body (one JSON object, no duplicate keys, no NaN) and no larger than
 * {@code aicon.document.max-bytes}; a brain is hashed as it is copied to the spool and no larger than
 * {@code aicon.blob.max-bytes}.
 *
 * <p>Every file is opened once and no symbolic link is followed, decided by the OS at open time rather than checked
 * before ({@link #open}): a link swapped in for a listed file, or for a directory on its way below the import root,
 * is refused when the file is opened, and what is stored is what that one open read (a brain is copied, so nothing
 * reopens the path).
 */
@ApplicationScoped
public class SdkFileReader {

    private static final Set<OpenOption> READ_NO_LINK = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final ObjectReader reader;
    private final long maxDocumentBytes;
    private final long maxBrainBytes;
    private final Optional<String> importRoot;
    private final DiskQuota spoolQuota;
    private final Path spoolDir;

    SdkFileReader(ObjectMapper mapper, DocumentConfig documents, BlobConfig blobs, SdkConfig sdk, BlobQuotas quotas) {
        this.reader = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxDocumentBytes = documents.maxBytes().asLongValue();
        this.maxBrainBytes = blobs.maxBytes().asLongValue();
        this.importRoot = sdk.importRoot();
        this.spoolQuota = quotas.spool();
        this.spoolDir = Path.of(blobs.spoolDir());
    }

    /**
     * Opens {@code file} to read without following a symbolic link. The file itself is opened with
     * {@code O_NOFOLLOW}; below the import root (a directory import), every directory from the root down is opened
     * the same way, each relative to the one above it ({@link SecureDirectoryStream}), so a directory on the way
     * swapped for a link is refused too. Elsewhere (an upload's spool file) only the file itself is held to that.
     */
    private SeekableByteChannel open(SdkFile file) throws IOException {
        Path path = file.path();
        Path root = realImportRoot();
        if (root != null && isBelow(path, root)) {
            try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
                if (top instanceof SecureDirectoryStream<Path> secure) {
                    return openBelow(secure, root.relativize(path));
                }
            }
        }
        return Files.newByteChannel(path, READ_NO_LINK);
    }

    private static SeekableByteChannel openBelow(SecureDirectoryStream<Path> dir, Path relative) throws IOException {
        if (relative.getNameCount() == 1) {
            return dir.newByteChannel(relative, READ_NO_LINK);
        }
        try (SecureDirectoryStream<Path> next =
                dir.newDirectoryStream(relative.getName(0), LinkOption.NOFOLLOW_LINKS)) {
            return openBelow(next, relative.subpath(1, relative.getNameCount()));
        }
    }

    /** Whether {@code file} is one a directory import listed: below the import root. Blocking. */
    private boolean isImported(SdkFile file) throws IOException {
        Path root = realImportRoot();
        return root != null && isBelow(file.path(), root);
    }

    private static boolean isBelow(Path path, Path root) {
        return path.startsWith(root) && !path.equals(root);
    }

    private @Nullable Path realImportRoot() throws IOException {
        if (importRoot.isEmpty()) {
            return null;
        }
        try {
            return Path.of(importRoot.get()).toAbsolutePath().normalize().toRealPath();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The file name's stem when it is a valid AIcon id, else null. */
    static @Nullable String stemId(SdkFile file) {
        return Identifiers.isValid(file.stem()) ? file.stem() : null;
    }

    ObjectNode document(SdkFile file) {
        String id = stemId(file);
        if (file.size() > maxDocumentBytes) {
            throw tooLarge(id, file, maxDocumentBytes, "aicon.document.max-bytes");
        }
        JsonNode node;
        try {
            byte[] bytes;
            try (InputStream in = Channels.newInputStream(open(file))) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxDocumentBytes + 1));
            }
            if (bytes.length > maxDocumentBytes) {
                throw tooLarge(id, file, maxDocumentBytes, "aicon.document.max-bytes");
            }
            node = reader.readTree(bytes);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw ServiceException.sdkFileRejected(
                    id, file.name(), "is not valid JSON: " + e.getOriginalMessage() + at);
        } catch (IOException e) {
            throw unreadable(id, file, e);
        }
        if (!(node instanceof ObjectNode document)) {
            throw ServiceException.sdkFileRejected(id, file.name(), "does not hold a JSON object");
        }
        return document;
    }

    /** The document's {@code id}, or the file name's stem when it has none. */
    String idOf(ObjectNode document, SdkFile file) {
        JsonNode id = document.get("id");
        if (id == null || id.isNull()) {
            if (stemId(file) == null) {
                throw ServiceException.sdkFileRejected(
                        null, file.name(), "has no id and is not named <id>.json: " + Identifiers.aiconIdRule());
            }
            return file.stem();
        }
        if (!id.isTextual() || !Identifiers.isValid(id.asText())) {
            throw ServiceException.sdkFileRejected(
                    stemId(file), file.name(), "has an invalid id: " + Identifiers.aiconIdRule());
        }
        return id.asText();
    }

    /** The id a pickle is named after ({@code <id>.pkl}). */
    String brainId(SdkFile file) {
        String id = stemId(file);
        if (id == null) {
            throw ServiceException.sdkFileRejected(
                    null, file.name(), "is not named <id>.pkl: " + Identifiers.aiconIdRule());
        }
        if (file.size() > maxBrainBytes) {
            throw tooLarge(id, file, maxBrainBytes, "aicon.blob.max-bytes");
        }
        return id;
    }

    /**
     * A spool file for the copy of the pickle {@code file}, its listed size reserved in the spool quota when it is
     * copied (a directory import's file; an upload's own spool file is read in place and its copy stays empty); the
     * caller discards it once the brain is stored or failed.
     */
    Uni<SpooledUpload> spool(SdkFile file) {
        return BlockingWork.io(() -> isImported(file) ? Math.max(0, file.size()) : 0L)
                .chain(size -> {
                    spoolQuota.reserve(size);
                    return BlockingWork.io(() -> Files.createTempFile(spoolDir, "sdk-import-", ".part"))
                            .onFailure()
                            .invoke(() -> spoolQuota.release(size))
                            .map(copy -> new SpooledUpload(copy, spoolQuota, size));
                });
    }

    /**
     * The pickle as a received brain: its size and SHA-256, read in one pass from one open. A directory import's
     * file is copied into {@code copy} as it is read and the copy is the brain, so what is stored is what was read
     * and nothing reopens the path; an upload's own spool file is the brain as it is.
     */
    BrainService.Received brain(SdkFile file, String id, SpooledUpload copy) {
        byte[] buffer = new byte[64 * 1024];
        try {
            if (!isImported(file)) {
                MessageDigest sha256 = BrainReader.sha256();
                long size = 0;
                try (InputStream in = Channels.newInputStream(open(file))) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        size += n;
                        if (size > maxBrainBytes) {
                            throw tooLarge(id, file, maxBrainBytes, "aicon.blob.max-bytes");
                        }
                        sha256.update(buffer, 0, n);
                    }
                }
                return new BrainService.Received(
                        file.path(), size, HexFormat.of().formatHex(sha256.digest()));
            }
            try (InputStream in = Channels.newInputStream(open(file));
                    OutputStream out = Files.newOutputStream(copy.file())) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (copy.size() + n > maxBrainBytes) {
                        throw tooLarge(id, file, maxBrainBytes, "aicon.blob.max-bytes");
                    }
                    byte[] chunk = n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
                    copy.take(chunk);
                    out.write(chunk);
                }
            }
            return copy.received();
        } catch (IOException e) {
            throw unreadable(id, file, e);
        }
    }

    private static ServiceException tooLarge(@Nullable String id, SdkFile file, long maxBytes, String key) {
        return ServiceException.sdkFileTooLarge(id, file.name(), maxBytes, key);
    }

    private static ServiceException unreadable(@Nullable String id, SdkFile file, IOException e) {
        // O_NOFOLLOW on a link fails with ELOOP, which the JDK reports as "Too many levels of symbolic links".
        String reason = e instanceof FileSystemException refused ? refused.getReason() : e.getMessage();
        if (Files.isSymbolicLink(file.path()) || String.valueOf(reason).contains("symbolic link")) {
            return ServiceException.sdkFileRejected(
                    id,
                    file.name(),
                    "is a symbolic link, or lies below one under the import root: directory imports follow no links");
        }
        return ServiceException.sdkFileRejected(
                id, file.name(), "could not be read (" + e.getClass().getSimpleName() + ")");
    }
}
