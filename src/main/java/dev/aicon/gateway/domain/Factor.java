package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** A state factor, read from its JSON and checked against the rules of its kind. */
public sealed interface Factor permits ContinuousFactor, CategoricalFactor, DiscreteFactor {

    /** Names of the factors of the same AIcon this one depends on. */
    List<String> dependsOn();

    /** Reads the factor at {@code path}; every broken rule goes to {@code violations}. Empty when no kind applies. */
    static Optional<Factor> read(String path, JsonNode node, Violations violations) {
        if (!node.isObject()) {
            violations.add(path, "must be an object");
            return Optional.empty();
        }
        FactorFields fields = new FactorFields(path, node, violations);
        JsonNode type = node.get("type");
        if (type == null || type.isNull()) {
            fields.violation("type", "is required");
            return Optional.empty();
        }
        if (fields.node("value") == null) {
            fields.violation("value", "is required");
        }
        return switch (type.asText()) {
            case "continuous" -> Optional.of(ContinuousFactor.read(fields));
            case "categorical" -> Optional.of(CategoricalFactor.read(fields));
            case "discrete" -> Optional.of(DiscreteFactor.read(fields));
            default -> {
                fields.violation("type", "must be one of continuous, categorical, discrete");
                yield Optional.empty();
            }
        };
    }
}
