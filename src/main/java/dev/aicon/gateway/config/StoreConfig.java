package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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
    }

    enum Compression {
        none,
        gzip
    }
}
