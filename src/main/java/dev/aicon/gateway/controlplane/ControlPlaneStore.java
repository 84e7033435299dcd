package dev.aicon.gateway.controlplane;

/**
 * One backend of the control plane: tenants, API keys and the audit trail, kept where {@code aicon.store.backend}
 * keeps the AIcons. Its bean answers to each of the interfaces it extends ({@link ApiKeyDirectory} and
 * {@link AuditTrail} included).
 */
public interface ControlPlaneStore extends TenantDirectory, ApiKeyStore, AuditLog {

    /** The backend's name: {@code file}, {@code memory} or {@code postgres}. */
    String backend();
}
