package dev.aicon.gateway.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.AuditConfig;
import dev.aicon.gateway.config.ControlPlaneConfig;
import dev.aicon.gateway.config.StoreConfig;
import dev.aicon.gateway.controlplane.file.FileControlPlane;
import dev.aicon.gateway.controlplane.memory.MemoryControlPlane;
import dev.aicon.gateway.controlplane.postgres.PostgresControlPlane;
import dev.aicon.gateway.controlplane.postgres.PostgresControlPlaneStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Opens the control plane where {@code aicon.store.backend} keeps the AIcons: files (embedded default), memory, or
 * PostgreSQL through Hibernate Reactive (whose persistence unit is active on that backend only, see
 * {@link HibernateActivation}).
 */
@ApplicationScoped
public class ControlPlaneProducer {

    @Produces
    @Singleton
    @Startup
    ControlPlaneStore controlPlane(
            StoreConfig store,
            ControlPlaneConfig config,
            AuditConfig audit,
            ObjectMapper mapper,
            Instance<PostgresControlPlane> postgres,
            Vertx vertx)
            throws IOException {
        ControlPlaneStore plane = switch (store.backend()) {
            case file -> FileControlPlane.open(Path.of(config.dir()), mapper, audit, Instant.now());
            case memory -> new MemoryControlPlane(Instant.now());
            case postgres -> new PostgresControlPlaneStore(postgres.get(), vertx);
        };
        Log.infof("control plane backend: %s", plane.backend());
        return plane;
    }

    void close(@Disposes ControlPlaneStore plane) {
        if (plane instanceof FileControlPlane file) {
            file.close();
        }
    }
}
