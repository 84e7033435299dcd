package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** Typed reads of one factor's fields; each read that finds the wrong type records a violation. */
final class FactorFields {

    private final String path;
    private final JsonNode factor;
    private final Violations violations;

    FactorFields(String path, JsonNode factor, Violations violations) {
        this.path = path;
        this.factor = factor;
        this.violations = violations;
    }

    String path(String field) {
        return path + "." + field;
    }

    void violation(String field, String message) {
        violations.add(path(field), message);
    }

    @Nullable
    JsonNode node(String field) {
        JsonNode node = factor.at("/" + field.replace(".", "/"));
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    Optional<Double> number(String field) {
        return typed(
                field,
                node -> node.isNumber() && Double.isFinite(node.doubleValue()),
                "must be a finite number",
                JsonNode::doubleValue);
    }

    Optional<List<JsonNode>> array(String field) {
        return typed(field, JsonNode::isArray, "must be a list", node -> {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        });
    }

    Optional<String> text(String field) {
        return typed(field, JsonNode::isTextual, "must be a string", JsonNode::asText);
    }

    /** The field's value when present and {@code fits}; a present field that does not fit records {@code rule}. */
    private <T> Optional<T> typed(String field, Predicate<JsonNode> fits, String rule, Function<JsonNode, T> value) {
        JsonNode node = node(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!fits.test(node)) {
            violation(field, rule);
            return Optional.empty();
        }
        return Optional.of(value.apply(node));
    }

    /** Names listed in {@code relationships.depends_on}; older SDKs omit relationships entirely. */
    List<String> dependsOn() {
        JsonNode relationships = node("relationships");
        if (relationships != null && !relationships.isObject()) {
            violation("relationships", "must be an object");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        array("relationships.depends_on").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).isTextual()) {
                    names.add(items.get(i).asText());
                } else {
                    violation("relationships.depends_on[" + i + "]", "must be a factor name");
                }
            }
        });
        return names;
    }

    /** Checks {@code params.probs}: one probability in [0,1] per category, summing to 1 within 1e-6. */
    void checkProbabilities(int categoryCount) {
        array("params.probs").ifPresent(probs -> {
            if (probs.size() != categoryCount) {
                violation("params.probs", "must have one probability per category (" + categoryCount + ")");
                return;
            }
            double sum = 0;
            boolean allProbabilities = true;
            for (int i = 0; i < probs.size(); i++) {
                JsonNode p = probs.get(i);
                if (!p.isNumber() || !(p.doubleValue() >= 0 && p.doubleValue() <= 1)) {
                    violation("params.probs[" + i + "]", "must be a probability in [0, 1]");
                    allProbabilities = false;
                }
                sum += p.doubleValue();
            }
            if (allProbabilities && Math.abs(sum - 1.0) > 1e-6) {
                violation("params.probs", "must sum to 1 (sums to " + sum + ")");
            }
        });
    }

    /**
     * Checks that {@code categories}, when present, is a non-empty list without duplicates: one violation per value
     * listed more than once, at its second place, in one pass over the list.
     */
    Optional<List<JsonNode>> categories() {
        Optional<List<JsonNode>> categories = array("categories");
        categories.ifPresent(items -> {
            if (items.isEmpty()) {
                violation("categories", "must not be empty");
            }
            Map<String, Integer> first = new HashMap<>();
            Map<String, int[]> repeats = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String key = JsonValues.key(items.get(i));
                Integer earlier = first.putIfAbsent(key, i);
                if (earlier != null) {
                    int place = i;
                    repeats.computeIfAbsent(key, k -> new int[] {earlier, place, 1})[2]++;
                }
            }
            repeats.values()
                    .forEach(r -> violation(
                            "categories[" + r[1] + "]",
                            "duplicates categories[" + r[0] + "]"
                                    + (r[2] > 2 ? " (the value is listed " + r[2] + " times)" : "")));
        });
        return categories;
    }

    /** Checks {@code constraints} (an object or null) and that {@code value}, when known, is within its bounds. */
    void checkConstraints(Optional<? extends Number> value) {
        JsonNode constraints = node("constraints");
        if (constraints != null && !constraints.isObject()) {
            violation("constraints", "must be an object or null");
        }
        Optional<Double> lower = number("constraints.lower");
        Optional<Double> upper = number("constraints.upper");
        value.map(Number::doubleValue).ifPresent(v -> {
            lower.filter(l -> v < l).ifPresent(l -> violation("value", "must be >= constraints.lower (" + l + ")"));
            upper.filter(u -> v > u).ifPresent(u -> violation("value", "must be <= constraints.upper (" + u + ")"));
        });
    }
}
