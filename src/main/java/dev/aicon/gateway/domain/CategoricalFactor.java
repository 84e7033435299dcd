package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A factor over named categories: the value is one of them, the probabilities cover them. */
public record CategoricalFactor(List<JsonNode> categories, List<String> dependsOn) implements Factor {

    static CategoricalFactor read(FactorFields f) {
        List<JsonNode> categories = f.categories().orElse(List.of());
        if (f.node("categories") == null) {
            f.violation("categories", "is required for a categorical factor");
        }
        JsonNode value = f.node("value");
        if (value != null && !categories.isEmpty() && !JsonValues.contains(categories, value)) {
            f.violation("value", "must be one of categories");
        }
        if (!categories.isEmpty()) {
            f.checkProbabilities(categories.size());
        }
        return new CategoricalFactor(categories, f.dependsOn());
    }
}
