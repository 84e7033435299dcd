package dev.aicon.gateway.service;

/**
 * What answered instead of the store while it was unavailable, as the {@code AIcon-Degraded} header and the
 * {@code "degraded"} field of bulk and import answers name it.
 */
public enum DegradedSource {
    /** The degraded-mode journal: a write was accepted into it, or a read found a journaled write there. */
    JOURNAL("journal"),
    /** The Redis cache. */
    CACHE("cache"),
    /** This gateway's last known copy in memory. */
    MEMORY("memory");

    private final String wireValue;

    DegradedSource(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of the header and of the {@code "degraded"} field. */
    public String wireValue() {
        return wireValue;
    }
}
