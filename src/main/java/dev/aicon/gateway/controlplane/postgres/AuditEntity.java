package dev.aicon.gateway.controlplane.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A row of {@code audit_events} (V7__control_plane.sql), inserted and read only: the runtime role may not update or
 * delete it. {@code tenantId} is empty for a refused request that had no tenant. The table's primary key is
 * {@code (tenant_id, id)}; the id alone is unique, so the entity is identified by it.
 */
@Entity
@Table(name = "audit_events")
public class AuditEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "at", nullable = false, updatable = false)
    public Instant at;

    @Column(name = "subject", nullable = false, updatable = false)
    public String subject;

    @Column(name = "action", nullable = false, updatable = false)
    public String action;

    @Column(name = "aicon_id", updatable = false)
    public @Nullable String aiconId;

    @Column(name = "version", updatable = false)
    public @Nullable Long version;

    @Column(name = "status", nullable = false, updatable = false)
    public int status;

    @Column(name = "outcome", nullable = false, updatable = false)
    public String outcome;
}
