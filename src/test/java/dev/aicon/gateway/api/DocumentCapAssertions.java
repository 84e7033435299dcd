package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.support.Fixtures;
import io.restassured.path.json.JsonPath;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents sized against {@code aicon.document.max-bytes} (2 MiB in {@code %test}) and the 413 they get: ASCII
 * only, so a document's size is its length, and minimal, so no number is re-serialized differently by the server.
 */
final class DocumentCapAssertions {

    static final int CAP = 2 * 1024 * 1024;
    /** The most a stored document grows by server fields: created_at, version and updated_at. */
    static final int SERVER_FIELDS = 100;

    private DocumentCapAssertions() {}

    /** A minimal valid document whose {@code padding} makes it {@code bytes} long when written compactly. */
    static ObjectNode document(String id, int bytes) {
        return paddedTo(minimal(id), bytes, ObjectNode::toString);
    }

    static ObjectNode minimal(String id) {
        ObjectNode document = Fixtures.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("name", "capped")
                .put("aicon_type", "cap");
        document.putObject("state_factors");
        return document;
    }

    /** Sets {@code padding} in {@code document} so that {@code render} of it is exactly {@code bytes} long. */
    static ObjectNode paddedTo(ObjectNode document, int bytes, Function<ObjectNode, String> render) {
        document.put("padding", "");
        int base = render.apply(document).getBytes(StandardCharsets.UTF_8).length;
        document.put("padding", "x".repeat(bytes - base));
        assertEquals(bytes, render.apply(document).getBytes(StandardCharsets.UTF_8).length);
        return document;
    }

    /**
     * A document of about 1.2 MB as sent whose stored form is about 2.7 MB: 300,000 numbers written {@code 1e5},
     * which the server keeps as the double 100000.0 and writes back as {@code 100000.0}. The body is within the cap,
     * the document the write would store is not.
     */
    static String inflating(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"inflating\",\"aicon_type\":\"cap\",\"state_factors\":{},"
                + "\"samples\":[" + String.join(",", java.util.Collections.nCopies(300_000, "1e5")) + "]}";
    }

    /** A document-too-large problem (at {@code prefix} inside a bigger answer) naming the cap and the size. */
    static void assertTooLarge(JsonPath answer, String prefix, String id) {
        assertEquals(413, answer.getInt(prefix + "status"));
        assertEquals("urn:aicon:problem:document-too-large", answer.getString(prefix + "type"));
        assertEquals(id, answer.getString(prefix + "aicon_id"));
        assertEquals(CAP, answer.getLong(prefix + "max_bytes"));
        long size = answer.getLong(prefix + "size_bytes");
        assertTrue(size > CAP, "size_bytes " + size + " is over the cap");
        assertTrue(answer.getString(prefix + "detail").contains(size + " bytes"), answer.getString(prefix + "detail"));
        assertTrue(answer.getString(prefix + "detail").contains("aicon.document.max-bytes"));
    }
}
