package dev.aicon.gateway.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeKind;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The on-disk form of one AIcon version: a JSON envelope {@code {format_version, id, version, updated_at, kind,
 * document}}, optionally gzip-compressed. Reading detects compression from the gzip magic bytes, so the setting can
 * change. Format 1 (the gateway's first release) had no {@code kind}; it is read as the previous version's format
 * and upgraded when the store opens ({@link FormatUpgrade}).
 */
final class StoredFileFormat {

    static final int FORMAT_VERSION = 2;
    static final int PREVIOUS_FORMAT_VERSION = 1;

    /** A decoded file: the AIcon version, the change that produced it, and the format it was stored in. */
    record Stored(AIcon aicon, ChangeKind kind, int format) {}

    private final ObjectMapper mapper;
    private final boolean gzip;

    StoredFileFormat(ObjectMapper mapper, boolean gzip) {
        this.mapper = mapper;
        this.gzip = gzip;
    }

    byte[] encode(AIcon aicon, ChangeKind kind) throws IOException {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("format_version", FORMAT_VERSION);
        envelope.put("id", aicon.id());
        envelope.put("version", aicon.version());
        envelope.put("updated_at", aicon.updatedAt());
        envelope.put("kind", kind.name());
        ObjectNode document = aicon.toDocument();
        document.remove(AIcon.VERSION);
        document.remove(AIcon.UPDATED_AT);
        envelope.set("document", document);
        byte[] json = mapper.writeValueAsBytes(envelope);
        if (!gzip) {
            return json;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(json);
        }
        return out.toByteArray();
    }

    AIcon decode(String id, byte[] bytes) {
        return decodeStored(id, bytes).aicon();
    }

    /** Reads a stored file; fails with {@link UnreadableFile} saying whether the bytes are damaged. */
    Stored decodeStored(String id, byte[] bytes) {
        JsonNode envelope;
        try (InputStream in = isGzip(bytes)
                ? new GZIPInputStream(new ByteArrayInputStream(bytes))
                : new ByteArrayInputStream(bytes)) {
            envelope = mapper.readTree(in);
        } catch (IOException e) {
            throw new UnreadableFile("not a valid stored AIcon (" + e.getClass().getSimpleName() + ")", true);
        }
        if (envelope == null || !envelope.path("format_version").isInt()) {
            throw new UnreadableFile("no format_version in the stored file", true);
        }
        int format = envelope.get("format_version").asInt();
        if (format != FORMAT_VERSION && format != PREVIOUS_FORMAT_VERSION) {
            throw new UnreadableFile(
                    "format_version " + format + " is not supported by this gateway (supports "
                            + PREVIOUS_FORMAT_VERSION + " and " + FORMAT_VERSION + ")",
                    false);
        }
        JsonNode document = envelope.get("document");
        if (!id.equals(envelope.path("id").asText())
                || !(document instanceof ObjectNode object)
                || !envelope.path("version").canConvertToLong()) {
            throw new UnreadableFile("the envelope is incomplete or names another id", true);
        }
        AIcon aicon = AIcon.fromDocument(id, object)
                .stamped(
                        envelope.get("version").asLong(),
                        envelope.path("updated_at").asText(null));
        return new Stored(aicon, kindOf(envelope, aicon.version()), format);
    }

    /** Format 1 did not record the change; its first version was a creation, any later one an update. */
    private static ChangeKind kindOf(JsonNode envelope, long version) {
        if (envelope.hasNonNull("kind")) {
            try {
                return ChangeKind.valueOf(envelope.get("kind").asText());
            } catch (IllegalArgumentException e) {
                throw new UnreadableFile(
                        "unknown change kind " + envelope.get("kind").asText(), true);
            }
        }
        return version == 1 ? ChangeKind.created : ChangeKind.updated;
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** A stored file that cannot be read; {@code damaged} files are set aside, unsupported ones are left alone. */
    static final class UnreadableFile extends RuntimeException {
        final boolean damaged;

        UnreadableFile(String message, boolean damaged) {
            super(message, null, false, false);
            this.damaged = damaged;
        }
    }
}
