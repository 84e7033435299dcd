package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.config.ApiConfig;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconValidator;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.StoreWrite;
import dev.aicon.gateway.store.VersionConflict;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one read-check-write cycle every mutation goes through: read the current AIcon, check the client's
 * preconditions, build and validate the next version, and write it conditionally on the version read. When another
 * writer got in between, the whole cycle runs again on the new version; a client that sent {@code If-Match} then
 * gets 412, one that did not has its change applied on top, so no accepted update is ever lost.
 */
@ApplicationScoped
public class ConditionalWrites {

    private final AIconStore store;
    private final ApiConfig api;
    private final AIconValidator validator;

    ConditionalWrites(AIconStore store, ApiConfig api, DocumentConfig documents) {
        this.store = store;
        this.api = api;
        this.validator = new AIconValidator(documents.maxFactors());
    }

    public <T> Uni<T> onCurrent(String id, Preconditions preconditions, Function<Optional<AIcon>, Uni<T>> action) {
        return Uni.createFrom().deferred(() -> store.get(id).chain(current -> {
            if (!preconditions.allowWriteOn(current)) {
                throw new ServiceException.PreconditionFailed(id,
                        current.map(c -> Long.toString(c.version())).orElse("none"));
            }
            return action.apply(current);
        })).onFailure(VersionConflict.class).retry().withBackOff(api.writeBackoff(), api.writeBackoffMax())
                .withJitter(0.5).atMost(api.writeAttempts() - 1L)
                .onFailure(VersionConflict.class).transform(e -> new ServiceException.ConcurrentModification(id));
    }

    public <T> Uni<T> onExisting(String id, Preconditions preconditions, Function<AIcon, Uni<T>> action) {
        return onCurrent(id, preconditions, current -> action.apply(
                current.orElseThrow(() -> new ServiceException.AIconNotFound(id))));
    }

    /** Writes already validated {@code content} as the version after {@code current}. */
    public Uni<AIcon> save(Optional<AIcon> current, AIcon content, StoreWrite.Change change) {
        long expected = current.map(AIcon::version).orElse(0L);
        return store.write(new StoreWrite(content.stamped(expected + 1, Timestamps.now()), expected, change));
    }

    public Uni<Void> delete(AIcon current) {
        return store.delete(current.id(), current.version());
    }

    /** Rejects the whole document with every violation it has; run before a document is split into parts. */
    public void validate(String id, ObjectNode document) {
        List<Violation> violations = validator.validate(id, document);
        if (!violations.isEmpty()) {
            throw new ServiceException.DocumentRejected(id, violations);
        }
    }
}
