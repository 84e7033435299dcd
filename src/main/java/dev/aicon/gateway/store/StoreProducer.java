package dev.aicon.gateway.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.EventsConfig;
import dev.aicon.gateway.config.FeaturesConfig;
import dev.aicon.gateway.config.HistoryConfig;
import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.config.StoreConfig;
import dev.aicon.gateway.resilience.BackendGuard;
import dev.aicon.gateway.resilience.OutageRule;
import dev.aicon.gateway.store.file.FileAIconStore;
import dev.aicon.gateway.store.memory.MemoryAIconStore;
import dev.aicon.gateway.store.postgres.PgEventChannel;
import dev.aicon.gateway.store.postgres.PostgresAIconStore;
import dev.aicon.gateway.store.postgres.RuntimeRoleCheck;
import dev.aicon.gateway.store.postgres.SchemaGatedStore;
import dev.aicon.gateway.store.postgres.SchemaMigrations;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the configured backend at start-up, so a locked or unusable store fails the start, not the first request. */
@ApplicationScoped
public class StoreProducer {

    private static final String STORE_GUARD = "store";

    private @Nullable PgEventChannel channel;

    /** The one store bean, typed {@link GuardedStore} only: nothing can inject a backend past its breaker. */
    @Produces
    @Singleton
    @Startup
    @Typed(GuardedStore.class)
    GuardedStore store(
            StoreConfig config,
            HistoryConfig history,
            EventsConfig events,
            FeaturesConfig features,
            ResilienceConfig resilience,
            ObjectMapper mapper,
            Instance<Pool> pool,
            Vertx vertx,
            MeterRegistry registry,
            SchemaMigrations schema,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password)
            throws IOException {
        AIconStore store = switch (config.backend()) {
            case file ->
                FileAIconStore.open(
                        Path.of(config.file().dir()),
                        mapper,
                        config.file().compression() == StoreConfig.Compression.gzip,
                        history.enabled(),
                        events.memoryMaxEvents());
            case postgres -> {
                Pool reactive = reactivePool(pool, reactiveUrl);
                PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.orElseThrow());
                user.ifPresent(options::setUser);
                password.ifPresent(options::setPassword);
                channel = new PgEventChannel(
                        vertx, options, reactive, features.sse().enabled());
                yield new SchemaGatedStore(
                        new PostgresAIconStore(reactive, mapper, history.enabled(), channel), schema);
            }
            case memory -> new MemoryAIconStore(history.enabled(), events.memoryMaxEvents());
        };
        Log.infof("AIcon store backend: %s", store.backend());
        BackendGuard guard = new BackendGuard(STORE_GUARD, resilience.store(), OutageRule::isOutage, registry);
        schema.migrateInBackground();
        return new GuardedStore(store, guard, registry);
    }

    /**
     * On PostgreSQL, Flyway runs when the database first answers, not at start (see {@link SchemaMigrations}).
     * With {@code quarkus.flyway.migrate-at-start=true} Quarkus migrated before start instead. Calls that waited
     * for the schema may have opened the store breaker; once migrated the store answers, so the breaker is reset.
     * With security on, the runtime role is checked after migrating ({@link RuntimeRoleCheck}): when Quarkus
     * migrated at start, a refused role fails the start; otherwise the store refuses every call (see
     * {@link SchemaMigrations}).
     */
    @Produces
    @Singleton
    SchemaMigrations schemaMigrations(
            Instance<Flyway> flyway,
            StoreConfig config,
            @ConfigProperty(name = "quarkus.flyway.migrate-at-start") boolean migratedAtStart,
            @ConfigProperty(name = "aicon.security.enabled", defaultValue = "true") boolean security,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> runtimeRole) {
        boolean postgres = config.backend() == StoreConfig.Backend.postgres;
        if (postgres
                && config.postgres().migrationUsername().isPresent()
                        != config.postgres().migrationPassword().isPresent()) {
            throw new IllegalStateException("set aicon.store.postgres.migration-username and "
                    + "aicon.store.postgres.migration-password together (the owner role that runs migrations)");
        }
        Runnable verify = postgres && security
                ? () -> RuntimeRoleCheck.verify(flyway.get().getConfiguration().getDataSource(), runtimeRole.orElse(""))
                : () -> {};
        if (postgres && migratedAtStart) {
            verify.run();
        }
        return new SchemaMigrations(
                flyway::get,
                config.postgres().migrationRetryInterval(),
                Infrastructure.getDefaultWorkerPool(),
                !postgres || migratedAtStart,
                verify,
                () -> CircuitBreakerMaintenance.get().reset(STORE_GUARD));
    }

    private static Pool reactivePool(Instance<Pool> pool, Optional<String> reactiveUrl) {
        if (reactiveUrl.isPresent()) {
            return pool.get();
        }
        throw new IllegalStateException("aicon.store.backend=postgres needs a datasource: set "
                + "quarkus.datasource.reactive.url, quarkus.datasource.jdbc.url, quarkus.datasource.username and "
                + "quarkus.datasource.password (QUARKUS_DATASOURCE_REACTIVE_URL, ... in the environment)");
    }

    void close(@Disposes GuardedStore store) throws IOException {
        if (store.delegate() instanceof FileAIconStore file) {
            file.close();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
