package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconValidator;
import dev.aicon.gateway.domain.Identifiers;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Violation;
import dev.aicon.gateway.store.StoreWrite;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Single-factor use cases: a factor write touches that factor and the AIcon's version only. */
@ApplicationScoped
public class FactorService {

    private final ConditionalWrites writes;

    FactorService(ConditionalWrites writes) {
        this.writes = writes;
    }

    public Uni<WriteResult> put(TenantId tenant, String id, String name, JsonNode factor, Preconditions preconditions) {
        requireValidName(id, name);
        if (!(factor instanceof ObjectNode body)) {
            throw ServiceException.documentRejected(
                    id, List.of(new Violation(AIcon.FACTORS + "." + name, "must be an object")));
        }
        return writes.onExisting(tenant, id, preconditions, read -> {
            AIcon current = ConditionalWrites.existing(read, id);
            AIcon content = current.withFactor(name, body);
            writes.validate(id, content.toDocument());
            return writes.save(tenant, read, content, new StoreWrite.FactorPut(name))
                    .map(written -> written.asCreated(!current.factors().containsKey(name)));
        });
    }

    public Uni<WriteResult> delete(TenantId tenant, String id, String name, Preconditions preconditions) {
        return writes.onExisting(tenant, id, preconditions, read -> {
            AIcon current = ConditionalWrites.existing(read, id);
            if (!current.factors().containsKey(name)) {
                throw ServiceException.factorNotFound(id, name);
            }
            List<String> dependents = AIconValidator.graphOf(current.factors()).dependentsOf(name);
            if (!dependents.isEmpty()) {
                throw ServiceException.factorInUse(id, name, dependents);
            }
            return writes.save(tenant, read, current.withoutFactor(name), new StoreWrite.FactorDelete(name));
        });
    }

    private static void requireValidName(String id, String name) {
        if (!Identifiers.isValid(name)) {
            throw ServiceException.documentRejected(
                    id, List.of(new Violation("name", "factor name " + Identifiers.rule())));
        }
    }
}
