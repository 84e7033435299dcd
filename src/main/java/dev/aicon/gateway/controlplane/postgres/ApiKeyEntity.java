package dev.aicon.gateway.controlplane.postgres;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code api_keys} (V7__control_plane.sql): the key's hash and metadata, never its secret. */
@Entity
@Table(name = "api_keys")
@IdClass(ApiKeyEntity.Key.class)
public class ApiKeyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "sha256", nullable = false, updatable = false)
    public String sha256;

    /** The roles' wire names, comma separated. */
    @Column(name = "roles", nullable = false, updatable = false)
    public String roles;

    @Column(name = "name", nullable = false, updatable = false)
    public String name;

    @Column(name = "created", nullable = false, updatable = false)
    public Instant created;

    @Column(name = "expires", updatable = false)
    public @Nullable Instant expires;

    @Column(name = "revoked")
    public @Nullable Instant revoked;

    /** The primary key: tenant first. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public String tenantId;
        public String keyId;

        public Key() {
            this("", "");
        }

        public Key(String tenantId, String keyId) {
            this.tenantId = tenantId;
            this.keyId = keyId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && tenantId.equals(key.tenantId) && keyId.equals(key.keyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, keyId);
        }
    }
}
