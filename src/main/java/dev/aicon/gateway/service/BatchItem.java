package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.Violation;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * One item of a batchPut, {@code {"id", "document", "expected_version"}}, as sent: {@code malformed} names what is
 * wrong with its shape (the item is then refused with 400 without touching the store).
 */
public record BatchItem(
        @Nullable String id,
        @Nullable ObjectNode document,
        @Nullable Long expectedVersion,
        List<Violation> malformed) {

    public static BatchItem parse(JsonNode item) {
        if (!(item instanceof ObjectNode object)) {
            return new BatchItem(null, null, null, List.of(new Violation("", "an item must be a JSON object")));
        }
        List<Violation> malformed = new ArrayList<>();
        JsonNode id = object.get("id");
        String text = id != null && id.isTextual() ? id.textValue() : null;
        if (!Identifiers.isValid(text)) {
            malformed.add(new Violation("id", Identifiers.aiconIdRule()));
        }
        JsonNode document = object.get("document");
        if (!(document instanceof ObjectNode)) {
            malformed.add(new Violation("document", "is required and must be a JSON object"));
        }
        JsonNode expected = object.get("expected_version");
        Long version = null;
        if (expected != null && !expected.isNull()) {
            if (expected.isIntegralNumber() && expected.canConvertToLong() && expected.longValue() >= 0) {
                version = expected.longValue();
            } else {
                malformed.add(new Violation("expected_version", "must be an integer >= 0 (0: must not exist)"));
            }
        }
        return new BatchItem(text, document instanceof ObjectNode o ? o : null, version, List.copyOf(malformed));
    }

    /** The item's {@code expected_version} as the conditions of a single write. */
    Preconditions preconditions() {
        return expectedVersion == null ? Preconditions.NONE : Preconditions.expectingVersion(expectedVersion);
    }

    /** Fails with 400 when the item's shape is wrong. */
    void requireWellFormed() {
        if (!malformed.isEmpty()) {
            throw ServiceException.documentRejected(id, malformed);
        }
    }
}
