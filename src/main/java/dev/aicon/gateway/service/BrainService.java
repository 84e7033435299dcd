package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.blob.BrainMeta;
import dev.aicon.gateway.blob.BrainObjects;
import dev.aicon.gateway.blob.BrainStorage;
import dev.aicon.gateway.blob.BrainWorkers;
import dev.aicon.gateway.blob.Compressor;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.StoreWrite;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * Brain use cases. A new brain is stored under a name of its own first; only then does one conditional AIcon write
 * point the document's {@code brain} field at it, so a failed upload never damages the current brain. The old
 * object stays until the orphan cleanup removes it after its grace period.
 */
@ApplicationScoped
public class BrainService {

    private final AIconReads reads;
    private final ConditionalWrites writes;
    private final BrainStorage storage;
    private final Compressor compressor;
    private final BrainReader reader;
    private final BrainWorkers workers;

    BrainService(
            AIconReads reads,
            ConditionalWrites writes,
            BrainStorage storage,
            Compressor compressor,
            BrainReader reader,
            BrainWorkers workers) {
        this.reads = reads;
        this.writes = writes;
        this.storage = storage;
        this.compressor = compressor;
        this.reader = reader;
        this.workers = workers;
    }

    /** A received upload, spooled to {@code file}, with its size and SHA-256 (hex). */
    public record Received(Path file, long size, String sha256) {}

    /** The brain after a write, whether the AIcon had none before, and the AIcon write itself. */
    public record BrainWritten(BrainMeta brain, boolean created, WriteResult aicon) {}

    /** The AIcon's brain, or the failure a read would get (404 for no AIcon or no brain). */
    public Uni<BrainMeta> meta(TenantId tenant, String id) {
        return reads.get(tenant, id).map(read -> {
            AIcon aicon = ConditionalWrites.existing(read, id);
            BrainMeta brain = BrainMeta.of(aicon.attributes().get(BrainMeta.FIELD));
            if (brain == null) {
                throw ServiceException.brainNotFound(id);
            }
            return brain;
        });
    }

    /** Fails early, before a large upload is received, when the AIcon is missing or the preconditions fail. */
    Uni<Void> checkBeforeUpload(TenantId tenant, String id, Preconditions preconditions) {
        return reads.get(tenant, id).map(read -> {
            checkPreconditions(ConditionalWrites.existing(read, id), preconditions);
            return null;
        });
    }

    /** Stores {@code received} as the AIcon's brain, recorded with {@code format} (null when unknown). */
    public Uni<BrainWritten> put(
            TenantId tenant, String id, Received received, @Nullable String format, Preconditions preconditions) {
        String object = BrainObjects.newName(tenant, id);
        return workers.run(() -> compressor.prepare(id, received.file(), received.size()))
                .chain(stored -> storage.put(id, object, stored.file(), stored.size())
                        .onFailure(OutageClassifier::isOutage)
                        .transform(e -> ServiceException.storeUnavailable(id, e))
                        .map(location -> new BrainMeta(
                                received.sha256(),
                                received.size(),
                                stored.size(),
                                stored.codec(),
                                location,
                                object,
                                Timestamps.now(),
                                format))
                        .eventually(() -> workers.run(() -> {
                                    compressor.discard(stored);
                                    return null;
                                })
                                .onFailure()
                                .recoverWithItem(e -> {
                                    Log.warnf(
                                            "could not delete the compressed copy %s: %s", stored.file(), e.toString());
                                    return null;
                                })))
                .chain(brain -> point(tenant, id, brain, preconditions)
                        .onFailure()
                        .call(() -> storage.delete(brain).onFailure().recoverWithNull()));
    }

    private Uni<BrainWritten> point(TenantId tenant, String id, BrainMeta brain, Preconditions preconditions) {
        return writes.onExisting(tenant, id, Preconditions.NONE, read -> {
            AIcon current = ConditionalWrites.existing(read, id);
            BrainMeta previous = checkPreconditions(current, preconditions);
            ObjectNode attributes = current.attributes().deepCopy();
            attributes.set(BrainMeta.FIELD, brain.toJson());
            return writes.save(tenant, read, current.withAttributes(attributes), new StoreWrite.Brain())
                    .map(written -> new BrainWritten(brain, previous == null, written));
        });
    }

    /** Removes the brain from the AIcon; the stored object is left to the orphan cleanup. */
    public Uni<WriteResult> delete(TenantId tenant, String id, Preconditions preconditions) {
        return writes.onExisting(tenant, id, Preconditions.NONE, read -> {
            AIcon current = ConditionalWrites.existing(read, id);
            if (checkPreconditions(current, preconditions) == null) {
                throw ServiceException.brainNotFound(id);
            }
            ObjectNode attributes = current.attributes().deepCopy();
            attributes.remove(BrainMeta.FIELD);
            return writes.save(tenant, read, current.withAttributes(attributes), new StoreWrite.Brain());
        });
    }

    /** The brain's original bytes, verified, ready to send; see {@link BrainReader}. */
    public Uni<BrainReader.Body> read(String id, BrainMeta brain) {
        return reader.body(id, brain);
    }

    private static @Nullable BrainMeta checkPreconditions(AIcon current, Preconditions preconditions) {
        BrainMeta brain = BrainMeta.of(current.attributes().get(BrainMeta.FIELD));
        if (!preconditions.allowWriteOnTag(brain == null ? null : brain.sha256())) {
            throw ServiceException.preconditionFailed(
                    current.id(), brain == null ? "no brain" : "brain " + brain.etag());
        }
        return brain;
    }
}
