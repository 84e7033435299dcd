package dev.aicon.gateway.store;

import java.time.Instant;

/** The retention rule every backend applies the same way (PostgreSQL states it in SQL). */
public final class HistoryRules {

    private HistoryRules() {}

    /** True when a recorded {@code version} written at {@code writtenAt} is no longer kept. */
    public static boolean prunes(HistoryRetention retention, long currentVersion, long version, Instant writtenAt) {
        if (version >= currentVersion) {
            return false;
        }
        boolean beyondCount = retention.keepLast() > 0 && version <= currentVersion - retention.keepLast();
        boolean tooOld = retention.keepAfter() != null && writtenAt.isBefore(retention.keepAfter());
        return beyondCount || tooOld;
    }
}
