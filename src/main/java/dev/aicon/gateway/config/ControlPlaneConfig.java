package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code aicon.control-plane.*}: where tenants and API keys are kept. The backend follows {@code aicon.store.backend}
 * (files under {@code <aicon.store.file.dir>/control}, memory, or PostgreSQL through Hibernate Reactive); the audit
 * trail's settings are {@link AuditConfig}.
 */
@ConfigMapping(prefix = "aicon.control-plane")
public interface ControlPlaneConfig {

    /** Directory of the file backend's tenants, keys and audit segments. */
    @WithDefault("${aicon.store.file.dir:./data}/control")
    String dir();
}
