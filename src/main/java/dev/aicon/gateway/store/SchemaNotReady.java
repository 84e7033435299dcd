package dev.aicon.gateway.store;

import dev.aicon.gateway.resilience.BackendUnavailable;

/**
 * The store's schema has not been migrated yet, because its database has not answered since the gateway started
 * (or a migration failed). The store is unavailable: an outage like a refused connection, never an answer about
 * the data, so writes are journaled and retried.
 */
public class SchemaNotReady extends RuntimeException implements BackendUnavailable {

    public SchemaNotReady(String message, Throwable cause) {
        super(message, cause);
    }
}
