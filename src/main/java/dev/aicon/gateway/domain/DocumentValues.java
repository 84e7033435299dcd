package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * The rules for every value of a document, in one walk with an explicit stack: numbers every store can hold (finite
 * doubles), text in values and keys alike (see {@link StorableText}), and nesting no deeper than the parser reads
 * back. A value's path is spelt only when its violation is kept, so a wide or deep document costs one pass.
 */
final class DocumentValues {

    /** One value on the walk: where it sits (parent and key or index) and how deep. */
    private record Place(
            JsonNode node, @Nullable Place parent, @Nullable String key, int index, int depth) {}

    private DocumentValues() {}

    static void check(JsonNode document, int maxDepth, Violations violations) {
        Deque<Place> stack = new ArrayDeque<>();
        stack.push(new Place(document, null, null, -1, document.isContainerNode() ? 1 : 0));
        while (!stack.isEmpty()) {
            Place place = stack.pop();
            JsonNode node = place.node();
            if (place.key() != null) {
                StorableText.flaw(place.key()).ifPresent(message -> report(place, "the key " + message, violations));
            }
            if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
                report(place, "must be a finite number within the double range", violations);
            } else if (node.isTextual()) {
                StorableText.flaw(node.asText()).ifPresent(message -> report(place, message, violations));
            } else if (node.isContainerNode() && place.depth() > maxDepth) {
                report(place, "nests deeper than " + maxDepth + " levels of objects and arrays", violations);
            } else if (node.isObject()) {
                Deque<Place> children = new ArrayDeque<>(node.size());
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    children.push(
                            new Place(field.getValue(), place, field.getKey(), -1, depthOf(field.getValue(), place)));
                }
                children.forEach(stack::push);
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    stack.push(new Place(node.get(i), place, null, i, depthOf(node.get(i), place)));
                }
            }
        }
    }

    private static int depthOf(JsonNode child, Place parent) {
        return child.isContainerNode() ? parent.depth() + 1 : parent.depth();
    }

    private static void report(Place place, String message, Violations violations) {
        if (violations.keepsMore()) {
            violations.add(path(place), message);
        } else {
            violations.count();
        }
    }

    /**
     * The dotted path of {@code place} ({@code a.b[2].c}), keys cut to {@value StorableText#SHOWN_CHARS} characters.
     */
    private static String path(Place place) {
        Deque<Place> chain = new ArrayDeque<>();
        for (Place p = place; p.parent() != null; p = p.parent()) {
            chain.push(p);
        }
        StringBuilder out = new StringBuilder();
        for (Place p : chain) {
            if (p.key() != null) {
                out.append(out.length() == 0 ? "" : ".").append(StorableText.shown(p.key()));
            } else {
                out.append('[').append(p.index()).append(']');
            }
        }
        return out.toString();
    }
}
