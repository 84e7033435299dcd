package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code aicon.store.*}: which backend keeps the AIcons, and how the file store works. */
@ConfigMapping(prefix = "aicon.store")
public interface StoreConfig {

    /** The backend: {@code file} (embedded default), {@code postgres} (prod) or {@code memory} (nothing persists). */
    @WithDefault("file")
    Backend backend();

    /** Settings of the file backend. */
    File file();

    /** Settings of the PostgreSQL backend. */
    Postgres postgres();

    enum Backend {
        file,
        postgres,
        memory
    }

    interface File {

        /** Directory of the file store; created when missing, locked while the gateway runs. */
        @WithDefault("./data")
        String dir();

        /** Compression of stored files: {@code none} or {@code gzip}. Files of either kind are always readable. */
        @WithDefault("none")
        Compression compression();
    }

    interface Postgres {

        /** Least time between two attempts to migrate the schema while the database does not answer. */
        @WithDefault("5s")
        Duration migrationRetryInterval();

        /**
         * The owner role Flyway migrates as (it owns the tables); unset: the datasource user, which security
         * ({@code aicon.security.enabled}) refuses. Quarkus Flyway reads it as {@code quarkus.flyway.username}.
         */
        Optional<String> migrationUsername();

        /** The owner role's password; set with {@link #migrationUsername()}. */
        Optional<String> migrationPassword();
    }

    enum Compression {
        none,
        gzip
    }
}
