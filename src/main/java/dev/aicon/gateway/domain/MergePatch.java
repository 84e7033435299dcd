package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * JSON merge patch as RFC 7396 defines it: objects merge recursively, {@code null} removes, anything else replaces.
 * The target is copied once and merged into in place, so a patch costs its own size plus one copy of the target; the
 * recursion is as deep as the patch, which the parser holds to {@link AIconValidator#MAX_DEPTH}.
 */
public final class MergePatch {

    private MergePatch() {}

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        mergeInto(result, (ObjectNode) patch);
        return result;
    }

    private static void mergeInto(ObjectNode result, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            JsonNode current = result.get(entry.getKey());
            if (value.isNull()) {
                result.remove(entry.getKey());
            } else if (value.isObject() && current != null && current.isObject()) {
                mergeInto((ObjectNode) current, (ObjectNode) value);
            } else if (value.isObject()) {
                ObjectNode fresh = result.putObject(entry.getKey());
                mergeInto(fresh, (ObjectNode) value);
            } else {
                result.set(entry.getKey(), value.deepCopy());
            }
        }
    }
}
