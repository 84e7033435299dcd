package dev.aicon.gateway.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * Writes a value the gateway built itself (a document, a record of plain values) as JSON text. Such a value always
 * serializes, so a failure is a bug and surfaces unchecked.
 */
public final class JsonText {

    private JsonText() {}

    public static String write(ObjectMapper mapper, @Nullable Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "a " + Objects.requireNonNull(value).getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }
}
