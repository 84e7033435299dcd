package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.domain.Violations;
import dev.aicon.gateway.store.StoreWrite;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Records updates into {@code run_stats} as the SDK's {@code BaseAIcon.record_update} does: {@code iterations} one
 * more (a missing or null count is 0), {@code start_time} set when missing or null, {@code last_update_time} set,
 * and the entry {@code {time, source, success, metadata}} appended to {@code updates}, all with the same server
 * time ({@link Timestamps}). Other {@code run_stats} fields are kept as they are.
 */
@ApplicationScoped
public class RunStatsService {

    private final ConditionalWrites writes;
    private final int maxUpdates;

    RunStatsService(ConditionalWrites writes, DocumentConfig documents) {
        this.writes = writes;
        this.maxUpdates = documents.maxUpdates();
    }

    /** Applies one update to {@code run_stats}; the oldest entries go past {@code aicon.document.max-updates}. */
    public Uni<WriteResult> record(TenantId tenant, String id, ObjectNode update, Preconditions preconditions) {
        requireValidUpdate(id, update);
        return writes.onExisting(tenant, id, preconditions, read -> {
            AIcon current = ConditionalWrites.existing(read, id);
            String time = Timestamps.now();
            ObjectNode attributes = current.attributes().deepCopy();
            JsonNode existing = attributes.get("run_stats");
            ObjectNode runStats = existing instanceof ObjectNode object ? object : attributes.putObject("run_stats");
            JsonNode existingUpdates = runStats.get("updates");
            ArrayNode updates = existingUpdates instanceof ArrayNode array ? array : runStats.putArray("updates");
            ObjectNode entry = updates.addObject();
            entry.put("time", time);
            entry.set("source", update.get("source"));
            entry.set("success", update.get("success"));
            entry.set("metadata", update.hasNonNull("metadata") ? update.get("metadata") : entry.objectNode());
            while (updates.size() > maxUpdates) {
                updates.remove(0);
            }
            runStats.put("iterations", iterationsOf(id, runStats) + 1);
            if (!runStats.hasNonNull("start_time")) {
                runStats.put("start_time", time);
            }
            runStats.put("last_update_time", time);
            AIcon content = current.withAttributes(attributes);
            writes.validate(id, content.toDocument());
            return writes.save(tenant, read, content, new StoreWrite.Attributes());
        });
    }

    /** The recorded count of iterations, 0 when there is none; a count that is not an integer cannot be advanced. */
    private static long iterationsOf(String id, ObjectNode runStats) {
        JsonNode iterations = runStats.get("iterations");
        if (iterations == null || iterations.isNull()) {
            return 0;
        }
        if (!iterations.canConvertToExactIntegral() || !iterations.canConvertToLong()) {
            throw ServiceException.documentRejected(
                    id,
                    List.of(new Violation(
                            "run_stats.iterations",
                            "must be an integer for an update to count it (it is " + iterations.getNodeType() + ")")));
        }
        return iterations.asLong();
    }

    private static void requireValidUpdate(String id, ObjectNode update) {
        Violations violations = new Violations();
        JsonNode source = update.get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            violations.add("source", "is required and must be a non-empty string");
        }
        JsonNode success = update.get("success");
        if (success == null || !success.isBoolean()) {
            violations.add("success", "is required and must be true or false");
        }
        JsonNode metadata = update.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            violations.add("metadata", "must be an object");
        }
        if (!violations.isEmpty()) {
            throw ServiceException.documentRejected(id, violations.list());
        }
    }
}
