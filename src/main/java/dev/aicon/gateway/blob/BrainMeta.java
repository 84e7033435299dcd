package dev.aicon.gateway.blob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.domain.AIcon;
import org.jspecify.annotations.Nullable;

/**
 * Where an AIcon's brain lives, as recorded in its document under the server-owned {@code brain} field:
 * the content's SHA-256 and size, the stored size and codec, the tier ({@code inline}, {@code local} or
 * {@code gcs}), the object name, unique per write, and the content's {@code format} when it is known
 * ({@code pickle}); it is left out when unknown, so brains recorded before formats existed stay valid.
 */
public record BrainMeta(
        String sha256,
        long size,
        long storedSize,
        BlobConfig.Codec codec,
        Location location,
        String object,
        String updatedAt,
        @Nullable String format) {

    public static final String FIELD = AIcon.BRAIN;
    /** The format of a brain that is a Python pickle (the SDK's {@code save_state(format="pickle")}). */
    public static final String PICKLE = "pickle";

    public enum Location {
        inline,
        local,
        gcs
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance
                .objectNode()
                .put("sha256", sha256)
                .put("size", size)
                .put("stored_size", storedSize)
                .put("codec", codec.name())
                .put("location", location.name())
                .put("object", object)
                .put("updated_at", updatedAt);
        if (format != null) {
            json.put("format", format);
        }
        return json;
    }

    /** The brain an AIcon document records, or null when it has none (or a client-made value that is not ours). */
    public static @Nullable BrainMeta of(@Nullable JsonNode node) {
        if (node == null || !node.isObject() || !node.hasNonNull("sha256") || !node.hasNonNull("object")) {
            return null;
        }
        try {
            return new BrainMeta(
                    node.get("sha256").asText(),
                    node.path("size").asLong(),
                    node.path("stored_size").asLong(),
                    BlobConfig.Codec.valueOf(node.path("codec").asText()),
                    Location.valueOf(node.path("location").asText()),
                    node.get("object").asText(),
                    node.path("updated_at").asText(null),
                    node.hasNonNull("format") ? node.get("format").asText() : null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String etag() {
        return "\"" + sha256 + "\"";
    }
}
