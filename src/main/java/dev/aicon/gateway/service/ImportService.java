package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.BatchConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.VersionConflict;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports documents as an export writes them, chunk by chunk: each AIcon is created or replaced (unconditionally;
 * {@code version} and {@code updated_at} in a line are the server's and ignored, and so is {@code brain}: brains
 * are not part of an export). A chunk costs one {@code getAll} and one all-or-nothing {@code writeAll}; when another
 * writer got in between, that chunk is written again item by item through the normal write path. A bad line fails
 * alone. The import stops only when the store becomes unavailable (imports are never journaled).
 */
@ApplicationScoped
public class ImportService {

    private record Entry(ImportLine line, String id, AIcon content) {}

    private final AIconService aicons;
    private final ConditionalWrites rules;
    private final BatchWrites writes;
    private final BatchConfig config;

    ImportService(AIconService aicons, ConditionalWrites rules, BatchWrites writes, BatchConfig config) {
        this.aicons = aicons;
        this.rules = rules;
        this.writes = writes;
        this.config = config;
    }

    public ImportReport start() {
        return new ImportReport(config.progressEvery());
    }

    /** Lines per chunk: {@code aicon.batch.chunk-size}. */
    public int chunkSize() {
        return config.chunkSize();
    }

    /** Writes one chunk of lines; fails only with {@link ServiceException#batchUnavailable}, which ends the import. */
    /** Imports into {@code tenant}: every line becomes an AIcon of that tenant, whatever it says. */
    public Uni<Void> write(TenantId tenant, List<ImportLine> lines, ImportReport report) {
        List<Entry> valid = new ArrayList<>(lines.size());
        for (ImportLine line : lines) {
            String id = idOf(line.document());
            try {
                if (id == null || !Identifiers.isValid(id)) {
                    throw ServiceException.documentRejected(
                            id,
                            List.of(new Violation(
                                    "id", "is required on every line of an import; " + Identifiers.aiconIdRule())));
                }
                rules.validate(id, line.document());
                valid.add(new Entry(line, id, AIcon.fromDocument(id, line.document())));
            } catch (ServiceException e) {
                report.failed(line.number(), id, e);
            }
        }
        return Multi.createFrom()
                .iterable(withoutRepeats(valid))
                .onItem()
                .transformToUniAndConcatenate(run -> writeRun(tenant, run, report))
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure(FailureKind.STORE_UNAVAILABLE::isKindOf)
                .transform(e -> ServiceException.batchUnavailable(
                        ((ServiceException) e).reason() + ": the import stopped before line "
                                + lines.get(0).number() + " after " + report.imported() + " AIcons were imported "
                                + "(importing the same lines again is safe: it creates or replaces)"));
    }

    /**
     * One store read and one store write for the run; item by item when that meets another writer (or an unreadable
     * stored AIcon, or a line over the document cap, which then fails its own line only).
     */
    private Uni<Void> writeRun(TenantId tenant, List<Entry> run, ImportReport report) {
        if (run.stream().anyMatch(entry -> writes.journaled(tenant, entry.id()))) {
            return oneByOne(tenant, run, report);
        }
        return writes.currentForWrite(tenant, run.stream().map(Entry::id).toList())
                .chain(current ->
                        writes.writeAll(tenant, run.stream().map(Entry::content).toList(), current))
                .invoke(written -> report.imported(written.size()))
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof VersionConflict
                        || failure instanceof CorruptDocument
                        || failure instanceof BatchWrites.OversizedItems)
                .recoverWithUni(failure -> oneByOne(tenant, run, report));
    }

    private Uni<Void> oneByOne(TenantId tenant, List<Entry> run, ImportReport report) {
        return Multi.createFrom()
                .iterable(run)
                .onItem()
                .transformToUniAndConcatenate(entry -> aicons.put(
                                tenant, entry.id(), entry.line().document(), Preconditions.NONE)
                        .invoke(written -> report.imported(1))
                        .replaceWithVoid()
                        .onFailure()
                        .recoverWithItem(failure -> {
                            report.failed(entry.line().number(), entry.id(), failure);
                            return null;
                        }))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** Splits entries into consecutive runs in which no id repeats, so a run writes each AIcon once, in line order. */
    private static List<List<Entry>> withoutRepeats(List<Entry> entries) {
        List<List<Entry>> runs = new ArrayList<>();
        List<Entry> run = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Entry entry : entries) {
            if (!ids.add(entry.id())) {
                runs.add(run);
                run = new ArrayList<>();
                ids.clear();
                ids.add(entry.id());
            }
            run.add(entry);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static @Nullable String idOf(ObjectNode document) {
        JsonNode id = document.get("id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }
}
