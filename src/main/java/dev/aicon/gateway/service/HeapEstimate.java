package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.domain.AIcon;

import java.util.Iterator;
import java.util.Map;

/** Roughly the heap an AIcon's document tree takes: its text and a fixed cost per node; the weight of cached AIcons. */
final class HeapEstimate {

    private HeapEstimate() {}

    /** The estimate, at most {@link Integer#MAX_VALUE} (a cache weight). */
    static int of(AIcon aicon) {
        long size = of(aicon.attributes());
        for (JsonNode factor : aicon.factors().values()) {
            size += of(factor);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    private static long of(JsonNode node) {
        long size = 48;
        if (node.isTextual()) {
            return size + 2L * node.textValue().length();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            size += 2L * field.getKey().length() + of(field.getValue());
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                size += of(item);
            }
        }
        return size;
    }
}
