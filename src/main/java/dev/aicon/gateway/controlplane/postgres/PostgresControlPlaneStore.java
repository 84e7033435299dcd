package dev.aicon.gateway.controlplane.postgres;

import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditPage;
import dev.aicon.gateway.controlplane.AuditQuery;
import dev.aicon.gateway.controlplane.ControlPlaneStore;
import dev.aicon.gateway.controlplane.TenantRecord;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The PostgreSQL control plane as a {@link ControlPlaneStore}: every call runs {@link PostgresControlPlane} on a new
 * Vert.x duplicated context (marked safe), on the caller's event loop when it has one. So a call from a worker thread
 * works, and two calls of one request (an audit append beside an admin action) never share a Hibernate session.
 */
public final class PostgresControlPlaneStore implements ControlPlaneStore {

    private final PostgresControlPlane delegate;
    private final Vertx vertx;

    public PostgresControlPlaneStore(PostgresControlPlane delegate, Vertx vertx) {
        this.delegate = delegate;
        this.vertx = vertx;
    }

    @Override
    public String backend() {
        return "postgres";
    }

    @Override
    public Uni<Boolean> createTenant(TenantId id, Instant created) {
        return onOwnContext(() -> delegate.createTenant(id, created));
    }

    @Override
    public Uni<Optional<TenantRecord>> findTenant(TenantId id) {
        return onOwnContext(() -> delegate.findTenant(id));
    }

    @Override
    public Uni<List<TenantRecord>> listTenants() {
        return onOwnContext(delegate::listTenants);
    }

    @Override
    public Uni<Void> addKey(ApiKeyRecord key) {
        return onOwnContext(() -> delegate.addKey(key));
    }

    @Override
    public Uni<List<ApiKeyRecord>> listKeys(TenantId tenant) {
        return onOwnContext(() -> delegate.listKeys(tenant));
    }

    @Override
    public Uni<Boolean> revokeKey(TenantId tenant, String keyId, Instant at) {
        return onOwnContext(() -> delegate.revokeKey(tenant, keyId, at));
    }

    @Override
    public Uni<Optional<ApiKeyRecord>> findByHash(String sha256Hex) {
        return onOwnContext(() -> delegate.findByHash(sha256Hex));
    }

    @Override
    public Uni<Void> append(AuditEvent event) {
        return onOwnContext(() -> delegate.append(event));
    }

    @Override
    public Uni<AuditPage> query(AuditQuery query) {
        return onOwnContext(() -> delegate.query(query));
    }

    @Override
    public Uni<Long> prune(Instant cutoff) {
        return onOwnContext(() -> delegate.prune(cutoff));
    }

    private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context current = Vertx.currentContext();
            Context root = current == null ? vertx.getOrCreateContext() : VertxContext.getRootContext(current);
            Context own = VertxContext.createNewDuplicatedContext(root);
            VertxContextSafetyToggle.setContextSafe(own, true);
            own.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }
}
