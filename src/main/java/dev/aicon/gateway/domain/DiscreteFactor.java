package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** An integer factor: bounded ones list integer categories, unbounded ones are poisson with a rate. */
public record DiscreteFactor(Optional<Long> value, List<String> dependsOn) implements Factor {

    static DiscreteFactor read(FactorFields f) {
        JsonNode node = f.node("value");
        Optional<Long> value = Optional.empty();
        if (node != null) {
            if (JsonValues.isInteger(node)) {
                value = Optional.of(node.longValue());
            } else {
                f.violation("value", "must be an integer");
            }
        }
        Optional<List<JsonNode>> categories = f.categories();
        if (node != null && value.isPresent()) {
            categories
                    .filter(c -> !c.isEmpty() && !JsonValues.contains(c, node))
                    .ifPresent(c -> f.violation("value", "must be one of categories"));
        }
        categories.filter(c -> !c.isEmpty()).ifPresent(c -> f.checkProbabilities(c.size()));
        f.checkConstraints(value);
        Optional<Double> rate = f.number("params.rate");
        rate.filter(r -> r < 0).ifPresent(r -> f.violation("params.rate", "must be >= 0"));
        return new DiscreteFactor(value, f.dependsOn());
    }
}
