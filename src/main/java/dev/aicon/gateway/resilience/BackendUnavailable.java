package dev.aicon.gateway.resilience;

/**
 * Marks a failure a backend raises itself to say it cannot serve now (for example a schema not migrated yet):
 * {@link OutageRule} counts it as an outage, like a refused connection.
 */
public interface BackendUnavailable {}
