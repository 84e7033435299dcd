package dev.aicon.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored AIcon: server-owned {@code version} and {@code updated_at}, the state factors by name (in document
 * order), and every other top-level field verbatim in {@code attributes}. The attributes keep a {@code null}
 * {@code state_factors} entry where the client's document had its factors, so the document's key order comes
 * back as sent.
 */
public record AIcon(
        String id, long version, @Nullable String updatedAt, ObjectNode attributes, Map<String, ObjectNode> factors) {

    public static final String FACTORS = "state_factors";
    public static final String VERSION = "version";
    public static final String UPDATED_AT = "updated_at";
    public static final String CREATED_AT = "created_at";
    /** The server-owned record of the AIcon's brain (see {@code blob.BrainMeta}). */
    public static final String BRAIN = "brain";

    public AIcon {
        factors = Collections.unmodifiableMap(new LinkedHashMap<>(factors));
    }

    /** Splits a validated client document into attributes and factors; server-owned fields are dropped. */
    public static AIcon fromDocument(String id, ObjectNode document) {
        ObjectNode attributes = document.deepCopy();
        attributes.remove(VERSION);
        attributes.remove(UPDATED_AT);
        attributes.put("id", id);
        JsonNode factorNode = attributes.get(FACTORS);
        if (factorNode != null) {
            attributes.putNull(FACTORS);
        }
        Map<String, ObjectNode> factors = new LinkedHashMap<>();
        if (factorNode instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> factors.put(e.getKey(), (ObjectNode) e.getValue()));
        }
        return new AIcon(id, 0, null, attributes, factors);
    }

    /** The document as clients see it: attributes, {@code state_factors}, {@code version}, {@code updated_at}. */
    public ObjectNode toDocument() {
        ObjectNode document = attributes.deepCopy();
        ObjectNode factorNode = document.putObject(FACTORS);
        factors.forEach(factorNode::set);
        document.put(VERSION, version);
        if (updatedAt != null) {
            document.put(UPDATED_AT, updatedAt);
        }
        return document;
    }

    /**
     * The document as the AIcon SDK's {@code to_dict()} has it: {@link #toDocument()} without the fields the server
     * owns ({@code version}, {@code updated_at}, {@code brain}).
     */
    public ObjectNode toSdkDocument() {
        ObjectNode document = toDocument();
        document.remove(List.of(VERSION, UPDATED_AT, BRAIN));
        return document;
    }

    public @Nullable String name() {
        return textOf("name");
    }

    public @Nullable String aiconType() {
        return textOf("aicon_type");
    }

    public AIcon withFactor(String name, ObjectNode factor) {
        Map<String, ObjectNode> next = new LinkedHashMap<>(factors);
        next.put(name, factor);
        return new AIcon(id, version, updatedAt, attributes, next);
    }

    public AIcon withoutFactor(String name) {
        Map<String, ObjectNode> next = new LinkedHashMap<>(factors);
        next.remove(name);
        return new AIcon(id, version, updatedAt, attributes, next);
    }

    public AIcon withAttributes(ObjectNode nextAttributes) {
        return new AIcon(id, version, updatedAt, nextAttributes, factors);
    }

    /** The same content stamped as the given version. */
    public AIcon stamped(long nextVersion, String nextUpdatedAt) {
        return new AIcon(id, nextVersion, nextUpdatedAt, attributes, factors);
    }

    public AIconSummary summary() {
        return new AIconSummary(id, name(), aiconType(), version, updatedAt);
    }

    private @Nullable String textOf(String field) {
        JsonNode node = attributes.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
