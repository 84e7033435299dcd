package dev.aicon.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Test documents shaped like the SDK's {@code BaseAIcon.to_dict()} output. */
public final class Fixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    /** The SDK-shaped fixture with the given id (unknown fields, Unicode, extreme doubles included). */
    public static ObjectNode sdkDocument(String id) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sdk-aicon.json")) {
            ObjectNode document = (ObjectNode) MAPPER.readTree(in);
            document.put("id", id);
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AIcon sdkAIcon(String id) {
        return AIcon.fromDocument(id, sdkDocument(id));
    }

    /** A minimal document whose one factor {@code f} is categorical over {@code categories}. */
    public static ObjectNode categoricalDocument(ArrayNode categories) {
        ObjectNode document = json("{\"name\":\"n\",\"aicon_type\":\"t\"}");
        ObjectNode factor = document.putObject("state_factors").putObject("f").put("type", "categorical");
        factor.set("categories", categories);
        factor.set("value", categories.get(0));
        return document;
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
