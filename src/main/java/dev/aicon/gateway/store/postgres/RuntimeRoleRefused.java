package dev.aicon.gateway.store.postgres;

/**
 * The runtime role ({@code quarkus.datasource.username}) would bypass row-level security while security is on: it
 * owns a tenant table (or may become its owner), is a superuser, has {@code BYPASSRLS}, or a tenant table lacks
 * {@code ENABLE}/{@code FORCE ROW LEVEL SECURITY}. Not an outage: nothing is journaled or retried as one, the store
 * answers errors and the readiness probe is down until the roles are fixed.
 */
public class RuntimeRoleRefused extends IllegalStateException {

    public RuntimeRoleRefused(String message) {
        super(message);
    }
}
