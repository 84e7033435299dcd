package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imports the state files the AIcon SDK writes, one after the other so memory stays bounded: every AIcon document
 * ({@code <id>.json}) first, through the same path as {@code PUT /v1/aicons/{id}} (validated, unknown fields kept,
 * the file's {@code version} and {@code updated_at} ignored), then every pickle ({@code <id>.pkl}) as its AIcon's
 * brain, recorded with the format {@code pickle}. A pickle whose AIcon does not exist yet gets a minimal document
 * first ({@code name} = the id, {@code aicon_type} {@value #UNKNOWN_TYPE}, no factors) so the brain has an owner;
 * one whose document failed in the same import is not stored. A failed file never stops the others and leaves
 * nothing stored.
 */
@ApplicationScoped
public class SdkImport {

    /** The {@code aicon_type} of the document made for a pickle that comes alone (the document rules require one). */
    public static final String UNKNOWN_TYPE = "unknown";

    private static final int PROGRESS_EVERY = 100;

    private final AIconService aicons;
    private final BrainService brains;
    private final SdkFileReader reader;

    SdkImport(AIconService aicons, BrainService brains, SdkFileReader reader) {
        this.aicons = aicons;
        this.brains = brains;
        this.reader = reader;
    }

    /**
     * What became of one file: the AIcon id (null when none could be told), and the write (whether it created what it
     * wrote, the AIcon's version after it, whether it went into the journal) or the failure.
     */
    public record Outcome(
            SdkFile file,
            @Nullable String id,
            SdkFile.@Nullable Kind kind,
            boolean created,
            long version,
            boolean journaled,
            @Nullable Throwable failure) {

        static Outcome written(SdkFile file, String id, boolean created, WriteResult write) {
            return new Outcome(
                    file, id, file.kind().orElseThrow(), created, write.aicon().version(), write.journaled(), null);
        }

        static Outcome failed(SdkFile file, @Nullable String id, Throwable failure) {
            return new Outcome(file, id, file.kind().orElse(null), false, 0, false, failure);
        }

        public boolean imported() {
            return failure == null;
        }
    }

    /**
     * Imports {@code files} into {@code tenant}, documents before brains; {@code source} names where they came from in
     * the log.
     */
    public Uni<List<Outcome>> importAll(TenantId tenant, String source, List<SdkFile> files) {
        List<SdkFile> ordered = files.stream()
                .sorted(Comparator.comparingInt(
                        file -> file.kind().map(Enum::ordinal).orElse(Integer.MAX_VALUE)))
                .toList();
        Set<String> failedDocuments = ConcurrentHashMap.newKeySet();
        AtomicInteger done = new AtomicInteger();
        return Multi.createFrom()
                .iterable(ordered)
                .onItem()
                .transformToUniAndConcatenate(file -> importOne(tenant, file, failedDocuments)
                        .invoke(outcome -> progress(source, outcome, done.incrementAndGet(), ordered.size())))
                .collect()
                .asList()
                .invoke(outcomes -> Log.infof(
                        "SDK import from %s: %d file(s) imported, %d failed",
                        source,
                        outcomes.stream().filter(Outcome::imported).count(),
                        outcomes.stream().filter(outcome -> !outcome.imported()).count()));
    }

    private Uni<Outcome> importOne(TenantId tenant, SdkFile file, Set<String> failedDocuments) {
        String stemId = SdkFileReader.stemId(file);
        SdkFile.Kind kind = file.kind().orElse(null);
        if (kind == null) {
            return Uni.createFrom()
                    .item(Outcome.failed(
                            file,
                            stemId,
                            ServiceException.sdkFileRejected(
                                    stemId,
                                    file.name(),
                                    "is neither an AIcon document (<id>.json) nor a pickle (<id>.pkl)")));
        }
        return Uni.createFrom()
                .deferred(() -> kind == SdkFile.Kind.document
                        ? importDocument(tenant, file)
                        : importBrain(tenant, file, failedDocuments))
                .onFailure()
                .recoverWithItem(e -> Outcome.failed(file, stemId, e))
                .invoke(outcome -> {
                    if (kind == SdkFile.Kind.document && !outcome.imported() && outcome.id() != null) {
                        failedDocuments.add(outcome.id());
                    }
                });
    }

    private Uni<Outcome> importDocument(TenantId tenant, SdkFile file) {
        return BlockingWork.io(() -> reader.document(file)).chain(document -> {
            String id = reader.idOf(document, file);
            return Uni.createFrom()
                    .deferred(() -> aicons.put(tenant, id, document, Preconditions.NONE))
                    .map(written -> Outcome.written(file, id, written.created(), written))
                    .onFailure()
                    .recoverWithItem(e -> Outcome.failed(file, id, e));
        });
    }

    private Uni<Outcome> importBrain(TenantId tenant, SdkFile file, Set<String> failedDocuments) {
        String id = reader.brainId(file);
        if (failedDocuments.contains(id)) {
            throw ServiceException.sdkDocumentFailed(id, file.name());
        }
        return reader.spool(file)
                .chain(copy -> BlockingWork.io(() -> reader.brain(file, id, copy))
                        .chain(received -> ensureOwner(tenant, id)
                                .chain(made -> brains.put(tenant, id, received, BrainMeta.PICKLE, Preconditions.NONE)
                                        .onFailure()
                                        .call(() -> undo(tenant, id, made))))
                        .onItemOrFailure()
                        .call(copy::discard))
                .map(written -> Outcome.written(file, id, written.created(), written.aicon()));
    }

    /** Creates the minimal document when the AIcon does not exist; the item is that write, or null when it existed. */
    private Uni<WriteResult> ensureOwner(TenantId tenant, String id) {
        ObjectNode minimal = JsonNodeFactory.instance
                .objectNode()
                .put("id", id)
                .put("name", id)
                .put("aicon_type", UNKNOWN_TYPE);
        minimal.putObject(AIcon.FACTORS);
        return aicons.put(tenant, id, minimal, Preconditions.of(null, "*"))
                .onFailure(FailureKind.PRECONDITION_FAILED::isKindOf)
                .recoverWithNull();
    }

    /** Removes the minimal document made for a brain that then failed, unless someone wrote it meanwhile. */
    private Uni<Void> undo(TenantId tenant, String id, WriteResult made) {
        if (made == null) {
            return Uni.createFrom().voidItem();
        }
        return aicons.delete(tenant, id, Preconditions.of("\"" + made.aicon().version() + "\"", null))
                .onFailure()
                .invoke(e -> Log.warnf(
                        "SDK import: the document made for the brain of AIcon %s stays (%s)",
                        id, GatewayFailure.nameOf(e)))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private static void progress(String source, Outcome outcome, int done, int total) {
        if (outcome.failure() != null) {
            Log.warnf(
                    "SDK import from %s: %s (AIcon %s) failed: %s",
                    source, outcome.file().name(), outcome.id(), GatewayFailure.nameOf(outcome.failure()));
        }
        if (done % PROGRESS_EVERY == 0) {
            Log.infof("SDK import from %s: %d of %d files done, the last AIcon %s", source, done, total, outcome.id());
        }
    }
}
