package dev.aicon.gateway.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.domain.AIconValidator;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.work.BlockingWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Reads request bodies strictly: one JSON value, no trailing data, no duplicate keys, no NaN or Infinity, no more
 * bytes than {@code aicon.document.max-bytes}, no more tokens than {@code aicon.document.max-tokens} (413) and no
 * deeper nesting than {@link AIconValidator#MAX_DEPTH} (400). The token cap bounds the heap a parsed body takes:
 * the parser stops at the first token past it.
 */
@ApplicationScoped
public class JsonBodies {

    /** Bodies up to this size parse in well under a millisecond, where they arrived. */
    static final int PARSED_IN_PLACE_MAX_BYTES = 64 * 1024;

    private final ObjectReader reader;
    private final long maxBytes;
    private final int maxTokens;

    JsonBodies(ObjectMapper mapper, DocumentConfig documents) {
        this.maxBytes = documents.maxBytes().asLongValue();
        this.maxTokens = documents.maxTokens();
        JsonFactory factory = mapper.getFactory()
                .rebuild()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(AIconValidator.MAX_DEPTH)
                        .maxTokenCount(maxTokens)
                        .maxDocumentLength(maxBytes)
                        .build())
                .build();
        this.reader = mapper.copyWith(factory)
                .reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * {@link #object} where a small body arrived; a body over {@link #PARSED_IN_PLACE_MAX_BYTES} is parsed, and the
     * rest of its request (validation, serialization) carried on, on a worker, so a large body never holds an event
     * loop that other requests share.
     */
    public Uni<ObjectNode> objectOffLoop(byte[] body) {
        return offLoopWhenLarge(body, () -> object(body));
    }

    /** {@link #value}, parsed as {@link #objectOffLoop} parses. */
    public Uni<JsonNode> valueOffLoop(byte[] body) {
        return offLoopWhenLarge(body, () -> value(body));
    }

    private static <T> Uni<T> offLoopWhenLarge(byte[] body, Supplier<T> parse) {
        return body != null && body.length > PARSED_IN_PLACE_MAX_BYTES
                ? BlockingWork.io(parse::get)
                : Uni.createFrom().item(parse);
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
        } catch (StreamConstraintsException e) {
            if (e.getOriginalMessage().startsWith("Token count")) {
                throw new RequestRejected(
                        FailureKind.BODY_TOO_COMPLEX,
                        "the body has more than " + maxTokens
                                + " JSON tokens (each bracket, key and value counts one; aicon.document.max-tokens)");
            }
            throw RequestRejected.malformed("malformed JSON: " + e.getOriginalMessage() + location(e));
        } catch (JsonProcessingException e) {
            throw RequestRejected.malformed("malformed JSON: " + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw RequestRejected.malformed("the body could not be read as JSON");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}
