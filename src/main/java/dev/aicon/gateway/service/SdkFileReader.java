package dev.aicon.gateway.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.domain.Identifiers;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads SDK state files (blocking: call it on the worker pool) and tells their AIcon ids. A document is read as
 * strictly as a request body (one JSON object, no duplicate keys, no NaN) and no larger than
 * {@code aicon.document.max-bytes}; a brain is hashed as it is read and no larger than {@code aicon.blob.max-bytes}.
 */
@ApplicationScoped
public class SdkFileReader {

    private final ObjectReader reader;
    private final long maxDocumentBytes;
    private final long maxBrainBytes;

    SdkFileReader(ObjectMapper mapper, DocumentConfig documents, BlobConfig blobs) {
        this.reader = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxDocumentBytes = documents.maxBytes().asLongValue();
        this.maxBrainBytes = blobs.maxBytes().asLongValue();
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
            byte[] bytes = Files.readAllBytes(file.path());
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

    /** The pickle as a received brain: its size and SHA-256, read in one pass. */
    BrainService.Received brain(SdkFile file, String id) {
        MessageDigest sha256 = BrainReader.sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file.path())) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > maxBrainBytes) {
                    throw tooLarge(id, file, maxBrainBytes, "aicon.blob.max-bytes");
                }
                sha256.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw unreadable(id, file, e);
        }
        return new BrainService.Received(file.path(), size, HexFormat.of().formatHex(sha256.digest()));
    }

    private static ServiceException tooLarge(@Nullable String id, SdkFile file, long maxBytes, String key) {
        return ServiceException.sdkFileTooLarge(id, file.name(), maxBytes, key);
    }

    private static ServiceException unreadable(@Nullable String id, SdkFile file, IOException e) {
        return ServiceException.sdkFileRejected(
                id, file.name(), "could not be read (" + e.getClass().getSimpleName() + ")");
    }
}
