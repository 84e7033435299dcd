package dev.aicon.gateway.controlplane.postgres;

import dev.aicon.gateway.controlplane.ApiKeyRecord;
import dev.aicon.gateway.controlplane.AuditEntry;
import dev.aicon.gateway.controlplane.AuditEvent;
import dev.aicon.gateway.controlplane.AuditPage;
import dev.aicon.gateway.controlplane.AuditQuery;
import dev.aicon.gateway.controlplane.TenantRecord;
import dev.aicon.gateway.domain.Role;
import dev.aicon.gateway.domain.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The control plane's work on PostgreSQL through Hibernate Reactive Panache, one transaction per call. Called on a
 * Vert.x duplicated context of its own ({@link PostgresControlPlaneStore} makes one), as Hibernate Reactive needs.
 * Audit rows are only inserted and read here; pruning goes through the {@code aicon_audit_prune} function, which runs
 * as the migration owner (the runtime role holds no UPDATE or DELETE on {@code audit_events}).
 */
@ApplicationScoped
@Typed(PostgresControlPlane.class)
public class PostgresControlPlane {

    /** The tenant column of an audit row whose refused request had no tenant. */
    static final String NO_TENANT = "";

    private static final Pattern ROLE_SEPARATOR = Pattern.compile(",");

    @WithTransaction
    public Uni<Boolean> createTenant(TenantId id, Instant created) {
        return TenantEntity.<TenantEntity>findById(id.value()).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(false);
            }
            TenantEntity tenant = new TenantEntity();
            tenant.tenantId = id.value();
            tenant.created = created;
            return tenant.persist().replaceWith(true);
        });
    }

    @WithSession
    public Uni<Optional<TenantRecord>> findTenant(TenantId id) {
        return TenantEntity.<TenantEntity>findById(id.value())
                .map(found -> Optional.ofNullable(found).map(PostgresControlPlane::tenant));
    }

    @WithSession
    public Uni<List<TenantRecord>> listTenants() {
        return TenantEntity.<TenantEntity>listAll(Sort.ascending("tenantId"))
                .map(all -> all.stream().map(PostgresControlPlane::tenant).toList());
    }

    @WithTransaction
    public Uni<Void> addKey(ApiKeyRecord key) {
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.tenantId = key.tenant().value();
        entity.keyId = key.keyId();
        entity.sha256 = key.sha256Hex();
        entity.roles = key.roles().stream().sorted().map(Role::wireName).collect(Collectors.joining(","));
        entity.name = key.name();
        entity.created = key.created();
        entity.expires = key.expires();
        entity.revoked = key.revoked();
        return entity.persist().replaceWithVoid();
    }

    @WithSession
    public Uni<List<ApiKeyRecord>> listKeys(TenantId tenant) {
        return ApiKeyEntity.<ApiKeyEntity>list("tenantId = ?1", Sort.ascending("created", "keyId"), tenant.value())
                .map(all -> all.stream().map(PostgresControlPlane::key).toList());
    }

    @WithTransaction
    public Uni<Boolean> revokeKey(TenantId tenant, String keyId, Instant at) {
        return ApiKeyEntity.<ApiKeyEntity>findById(new ApiKeyEntity.Key(tenant.value(), keyId))
                .map(found -> {
                    if (found == null) {
                        return false;
                    }
                    if (found.revoked == null) {
                        found.revoked = at;
                    }
                    return true;
                });
    }

    @WithSession
    public Uni<Optional<ApiKeyRecord>> findByHash(String sha256Hex) {
        return ApiKeyEntity.<ApiKeyEntity>find("sha256", sha256Hex)
                .firstResult()
                .map(found -> Optional.ofNullable(found).map(PostgresControlPlane::key));
    }

    @WithTransaction
    public Uni<Void> append(AuditEvent event) {
        AuditEntity entity = new AuditEntity();
        entity.tenantId = event.tenant() == null ? NO_TENANT : event.tenant().value();
        entity.at = event.at();
        entity.subject = event.subject();
        entity.action = event.action();
        entity.aiconId = event.aiconId();
        entity.version = event.version();
        entity.status = event.status();
        entity.outcome = event.outcome();
        return entity.persist().replaceWithVoid();
    }

    @WithSession
    public Uni<AuditPage> query(AuditQuery query) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.tenant() != null) {
            where.add("tenantId = :tenant");
            parameters.and("tenant", query.tenant().value());
        }
        if (query.subject() != null) {
            where.add("subject = :subject");
            parameters.and("subject", query.subject());
        }
        if (query.aiconId() != null) {
            where.add("aiconId = :aiconId");
            parameters.and("aiconId", query.aiconId());
        }
        if (query.outcome() != null) {
            where.add("outcome = :outcome");
            parameters.and("outcome", query.outcome());
        }
        if (query.since() != null) {
            where.add("at >= :since");
            parameters.and("since", query.since());
        }
        if (query.until() != null) {
            where.add("at < :until");
            parameters.and("until", query.until());
        }
        if (query.beforeId() != null) {
            where.add("id < :beforeId");
            parameters.and("beforeId", query.beforeId());
        }
        String hql = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return AuditEntity.<AuditEntity>find(hql, Sort.descending("id"), parameters)
                .range(0, query.limit())
                .list()
                .map(rows -> AuditPage.of(
                        rows.stream().map(PostgresControlPlane::entry).toList(), query.limit()));
    }

    /** Removes the audit rows older than {@code cutoff} through the owner's function; the runtime role cannot. */
    @WithTransaction
    public Uni<Long> prune(Instant cutoff) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select aicon_audit_prune(?1)", Long.class)
                        .setParameter(1, cutoff)
                        .getSingleResult());
    }

    private static TenantRecord tenant(TenantEntity entity) {
        return new TenantRecord(new TenantId(entity.tenantId), entity.created);
    }

    private static ApiKeyRecord key(ApiKeyEntity entity) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : ROLE_SEPARATOR.splitAsStream(entity.roles).toList()) {
            if (!role.isBlank()) {
                roles.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return new ApiKeyRecord(
                entity.keyId,
                new TenantId(entity.tenantId),
                roles,
                entity.name,
                entity.sha256,
                entity.created,
                entity.expires,
                entity.revoked);
    }

    private static AuditEntry entry(AuditEntity entity) {
        return new AuditEntry(
                entity.id,
                new AuditEvent(
                        entity.at,
                        entity.subject,
                        NO_TENANT.equals(entity.tenantId) ? null : new TenantId(entity.tenantId),
                        entity.action,
                        entity.aiconId,
                        entity.version,
                        entity.status,
                        entity.outcome));
    }
}
