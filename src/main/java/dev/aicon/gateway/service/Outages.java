package dev.aicon.gateway.service;

import dev.aicon.gateway.store.CorruptDocument;
import dev.aicon.gateway.store.VersionConflict;

/** Tells a backend outage (timeout, open breaker, lost connection) from an answer the backend gave. */
final class Outages {

    private Outages() {
    }

    static boolean isOutage(Throwable failure) {
        return !(failure instanceof VersionConflict || failure instanceof CorruptDocument
                || failure instanceof ServiceException);
    }
}
