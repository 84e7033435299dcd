package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Timestamps;

import java.util.Optional;

/** What the server owns in the content a client sends, applied the same way by every write of a whole document. */
final class ServerFields {

    private ServerFields() {}

    /**
     * Applies what the server owns to client content: {@code created_at} is the client's when sent, else the first
     * write's time, kept for the AIcon's life; {@code brain} is whatever the brain endpoints last recorded.
     */
    static AIcon apply(AIcon content, Optional<AIcon> current) {
        ObjectNode attributes = content.attributes().deepCopy();
        if (!attributes.hasNonNull(AIcon.CREATED_AT)) {
            JsonNode previous =
                    current.map(c -> c.attributes().get(AIcon.CREATED_AT)).orElse(null);
            if (previous != null && !previous.isNull()) {
                attributes.set(AIcon.CREATED_AT, previous);
            } else {
                attributes.put(AIcon.CREATED_AT, Timestamps.now());
            }
        }
        attributes.remove(BrainMeta.FIELD);
        current.map(c -> c.attributes().get(BrainMeta.FIELD))
                .ifPresent(brain -> attributes.set(BrainMeta.FIELD, brain));
        return content.withAttributes(attributes);
    }
}
