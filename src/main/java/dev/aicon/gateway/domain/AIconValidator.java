package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks a whole AIcon document against the product's rules and names the bad fields (the first
 * {@value Violations#KEPT}, with the count of all). Every rule is one pass over the document, whatever its shape.
 */
public final class AIconValidator {

    /** The deepest a stored document may nest (objects and arrays), the parser's limit for bodies too. */
    public static final int MAX_DEPTH = 1000;

    private final int maxFactors;

    public AIconValidator(int maxFactors) {
        this.maxFactors = maxFactors;
    }

    /** The violations of {@code document} ({@link #check}), the first {@value Violations#KEPT} of them. */
    public List<Violation> validate(String id, ObjectNode document) {
        return check(id, document).list();
    }

    /** Every violation of {@code document}, whose id must be {@code id}; empty when the document is valid. */
    public Violations check(String id, ObjectNode document) {
        Violations violations = new Violations();
        DocumentValues.check(document, MAX_DEPTH, violations);
        JsonNode bodyId = document.get("id");
        if (bodyId != null
                && !bodyId.isNull()
                && !(bodyId.isTextual() && bodyId.asText().equals(id))) {
            violations.add("id", "must equal the id in the path ('" + id + "')");
        }
        requireIndexedText(document, "name", violations);
        requireIndexedText(document, "aicon_type", violations);
        optionalOfType(document, AIcon.CREATED_AT, JsonNode::isTextual, "must be a string", violations);
        optionalOfType(document, "capabilities", JsonNode::isArray, "must be a list", violations);
        optionalOfType(document, "run_stats", JsonNode::isObject, "must be an object", violations);
        JsonNode factors = document.get(AIcon.FACTORS);
        if (factors != null && !factors.isNull()) {
            if (factors.isObject()) {
                checkFactors((ObjectNode) factors, violations);
            } else {
                violations.add(AIcon.FACTORS, "must be an object of factors by name");
            }
        }
        return violations;
    }

    /** The dependency graph of valid factors, used to refuse deleting a factor others depend on. */
    public static FactorGraph graphOf(Map<String, ObjectNode> factors) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        Violations ignored = new Violations();
        factors.forEach((name, node) -> edges.put(
                name, Factor.read(name, node, ignored).map(Factor::dependsOn).orElse(List.of())));
        return new FactorGraph(edges);
    }

    private void checkFactors(ObjectNode factors, Violations violations) {
        if (factors.size() > maxFactors) {
            violations.add(AIcon.FACTORS, "has " + factors.size() + " factors; at most " + maxFactors + " are allowed");
            return;
        }
        Map<String, List<String>> edges = new LinkedHashMap<>();
        factors.fields().forEachRemaining(entry -> {
            String path = AIcon.FACTORS + "." + StorableText.shown(entry.getKey());
            if (!Identifiers.isValid(entry.getKey())) {
                violations.add(path, "factor name " + Identifiers.rule());
            }
            Factor.read(path, entry.getValue(), violations).ifPresent(f -> edges.put(entry.getKey(), f.dependsOn()));
        });
        new FactorGraph(edges).check(violations);
    }

    private static void requireText(ObjectNode document, String field, Violations violations) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            violations.add(field, "is required");
        } else if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(field, "must be a non-empty string");
        }
    }

    /** A required text that is also a PostgreSQL index key: at most {@link StorableText#MAX_INDEXED_BYTES}. */
    private static void requireIndexedText(ObjectNode document, String field, Violations violations) {
        requireText(document, field, violations);
        JsonNode node = document.get(field);
        if (node != null && node.isTextual() && StorableText.flaw(node.asText()).isEmpty()) {
            StorableText.lengthFlaw(node.asText()).ifPresent(message -> violations.add(field, message));
        }
    }

    private static void optionalOfType(
            ObjectNode document, String field, Predicate<JsonNode> ok, String message, Violations violations) {
        JsonNode node = document.get(field);
        if (node != null && !node.isNull() && !ok.test(node)) {
            violations.add(field, message);
        }
    }
}
