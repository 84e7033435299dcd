package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.service.DegradedSource;
import dev.aicon.gateway.service.SdkImport;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The answer to an SDK import: {@code {"imported": n, "failed": m, "items": [...]}} with one item per file, in the
 * order the files were imported (documents first): {@code file}, {@code id}, {@code status} (201 created, 200
 * replaced, else the problem's status), {@code version} (the AIcon's, after the write), {@code kind}
 * ({@code document} or {@code brain}), {@code "degraded": "journal"} when the write went into the degraded-mode
 * journal, and, for a failed file, its problem as {@code error}.
 */
@ApplicationScoped
public class SdkReport {

    private final Problems problems;
    private final ObjectMapper mapper;

    SdkReport(Problems problems, ObjectMapper mapper) {
        this.problems = problems;
        this.mapper = mapper;
    }

    ObjectNode of(List<SdkImport.Outcome> outcomes, String path) {
        ObjectNode report = mapper.createObjectNode();
        long imported = outcomes.stream().filter(SdkImport.Outcome::imported).count();
        report.put("imported", imported).put("failed", outcomes.size() - imported);
        ArrayNode items = report.putArray("items");
        for (SdkImport.Outcome outcome : outcomes) {
            ObjectNode item =
                    items.addObject().put("file", outcome.file().name()).put("id", outcome.id());
            String kind = outcome.kind() == null ? null : outcome.kind().name();
            if (outcome.failure() == null) {
                item.put("status", outcome.created() ? 201 : 200)
                        .put("version", outcome.version())
                        .put("kind", kind);
                if (outcome.journaled()) {
                    item.put("degraded", DegradedSource.JOURNAL.wireValue());
                }
            } else {
                Problem problem = problems.of(outcome.failure(), path);
                item.put("status", problem.status()).put("kind", kind).set("error", mapper.valueToTree(problem));
            }
        }
        return report;
    }
}
