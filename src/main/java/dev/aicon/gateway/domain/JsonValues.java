package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Value comparisons that treat 2, 2.0 and 2L as the same number, as JSON does. */
final class JsonValues {

    private JsonValues() {}

    static boolean same(JsonNode a, JsonNode b) {
        return key(a).equals(key(b));
    }

    static boolean contains(List<JsonNode> items, JsonNode value) {
        String wanted = key(value);
        return items.stream().anyMatch(item -> key(item).equals(wanted));
    }

    /**
     * A text equal for values {@link #same} treats as equal and different otherwise: a finite number by its exact
     * value ({@code 2}, {@code 2.0} and {@code 20e-1} alike), text by itself, anything else by its JSON with object
     * keys
     * sorted. Texts are {@link Comparable}, so a hash map of keys stays fast whatever collisions the values are
     * built to have.
     */
    static String key(JsonNode node) {
        if (node.isNumber() && isFinite(node)) {
            BigDecimal exact = node.decimalValue().stripTrailingZeros();
            return "n" + (exact.signum() == 0 ? "0" : exact.toString());
        }
        if (node.isTextual()) {
            return "s" + node.textValue();
        }
        if (node.isContainerNode()) {
            StringBuilder out = new StringBuilder("j");
            writeSorted(node, out);
            return out.toString();
        }
        return "v" + node;
    }

    static boolean isInteger(JsonNode node) {
        return node.isIntegralNumber()
                || (node.isFloatingPointNumber()
                        && Double.isFinite(node.doubleValue())
                        && node.doubleValue() == Math.rint(node.doubleValue()));
    }

    private static boolean isFinite(JsonNode node) {
        return !node.isFloatingPointNumber() || node.isBigDecimal() || Double.isFinite(node.doubleValue());
    }

    /**
     * Writes {@code node} as JSON with the keys of every object in order; containers nest at most the parser's depth.
     */
    private static void writeSorted(JsonNode node, StringBuilder out) {
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeSorted(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
            node.fields().forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                out.append(i == 0 ? "" : ",")
                        .append(TextNode.valueOf(fields.get(i).getKey()))
                        .append(':');
                writeSorted(fields.get(i).getValue(), out);
            }
            out.append('}');
        } else {
            out.append(node);
        }
    }
}
