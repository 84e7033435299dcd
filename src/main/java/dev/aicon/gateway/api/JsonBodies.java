package dev.aicon.gateway.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.DocumentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/**
 * Reads request bodies strictly: one JSON value, no trailing data, no duplicate keys, no NaN or Infinity, and no
 * more bytes than {@code aicon.document.max-bytes}.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectReader reader;
    private final long maxBytes;

    JsonBodies(ObjectMapper mapper, DocumentConfig documents) {
        this.reader = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBytes = documents.maxBytes().asLongValue();
    }

    public ObjectNode object(byte[] body) {
        JsonNode node = value(body);
        if (!node.isObject()) {
            throw RequestRejected.malformed("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public JsonNode value(byte[] body) {
        if (body == null || body.length == 0) {
            throw RequestRejected.malformed("the body is empty; a JSON document is required");
        }
        if (body.length > maxBytes) {
            throw RequestRejected.tooLarge(maxBytes);
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw RequestRejected.malformed("malformed JSON: " + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw RequestRejected.malformed("the body could not be read as JSON");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
