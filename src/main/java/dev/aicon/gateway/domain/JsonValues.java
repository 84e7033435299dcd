package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Value comparisons that treat 2, 2.0 and 2L as the same number, as JSON does. */
final class JsonValues {

    private JsonValues() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    static boolean contains(List<JsonNode> items, JsonNode value) {
        return items.stream().anyMatch(item -> same(item, value));
    }

    static boolean isInteger(JsonNode node) {
        return node.isIntegralNumber()
                || node.isFloatingPointNumber() && Double.isFinite(node.doubleValue())
                        && node.doubleValue() == Math.rint(node.doubleValue());
    }
}
