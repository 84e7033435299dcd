package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.JsonText;
import dev.aicon.gateway.service.BatchItem;
import dev.aicon.gateway.service.BatchOutcome;
import dev.aicon.gateway.service.BatchRead;
import dev.aicon.gateway.service.DegradedSource;
import dev.aicon.gateway.service.ImportReport;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The JSON of the bulk endpoints: requests read into ids and items, outcomes and import reports written as answers. */
@ApplicationScoped
class BatchJson {

    private final ObjectMapper mapper;
    private final Problems problems;

    BatchJson(ObjectMapper mapper, Problems problems) {
        this.mapper = mapper;
        this.problems = problems;
    }

    /** {@code {"ids": ["a", "b"]}}. */
    static List<String> ids(ObjectNode request) {
        JsonNode ids = request.get("ids");
        if (ids == null || !ids.isArray()) {
            throw RequestRejected.malformed("the body must be {\"ids\": [...]}, a list of AIcon ids");
        }
        List<String> list = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isTextual()) {
                throw RequestRejected.malformed("ids[" + i + "] must be a string");
            }
            list.add(ids.get(i).textValue());
        }
        return list;
    }

    /** Whether {@code {"atomic": true, ...}} asks for all or nothing (default false). */
    static boolean atomic(ObjectNode request) {
        JsonNode atomic = request.get("atomic");
        if (atomic != null && !atomic.isNull() && !atomic.isBoolean()) {
            throw RequestRejected.malformed("atomic must be true or false");
        }
        return atomic != null && atomic.asBoolean();
    }

    /** {@code {"items": [{"id", "document", "expected_version"}, ...]}}. */
    static List<BatchItem> items(ObjectNode request) {
        JsonNode items = request.get("items");
        if (items == null || !items.isArray()) {
            throw RequestRejected.malformed("the body must be {\"atomic\": false, \"items\": [{\"id\", \"document\", "
                    + "\"expected_version\"}, ...]}");
        }
        List<BatchItem> list = new ArrayList<>(items.size());
        items.forEach(item -> list.add(BatchItem.parse(item)));
        return list;
    }

    /** {@code {"items": [documents as GET returns them], "missing": [ids]}}. */
    ObjectNode read(BatchRead read) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        read.found().stream().map(AIcon::toDocument).forEach(items::add);
        read.missing().forEach(body.putArray("missing")::add);
        return body;
    }

    /** {@code {"imported", "failed", "errors": [{"line", "id", "error": problem}]}}. */
    ObjectNode imported(ImportReport report, String path) {
        ObjectNode body =
                mapper.createObjectNode().put("imported", report.imported()).put("failed", report.failedLines());
        ArrayNode errors = body.putArray("errors");
        for (ImportReport.LineError error : report.errors()) {
            errors.addObject()
                    .put("line", error.line())
                    .put("id", error.id())
                    .set("error", mapper.valueToTree(problems.of(error.error(), path)));
        }
        return body;
    }

    String json(ObjectNode body) {
        return JsonText.write(mapper, body);
    }

    /** {@code {"items": [{"id", "status", "version"} or {"id", "status", "error": problem}, ...]}}. */
    ObjectNode outcomes(List<BatchOutcome> outcomes, String path) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (BatchOutcome outcome : outcomes) {
            ObjectNode item = items.addObject().put("id", outcome.id());
            if (outcome.failure() != null) {
                Problem problem = problems.of(outcome.failure(), path);
                item.put("status", problem.status()).set("error", mapper.valueToTree(problem));
            } else if (outcome.written() != null) {
                item.put("status", outcome.written().created() ? 201 : 200)
                        .put("version", outcome.written().aicon().version());
                if (outcome.written().journaled()) {
                    item.put("degraded", DegradedSource.JOURNAL.wireValue());
                }
            }
        }
        return body;
    }
}
