package dev.aicon.gateway.store;

/** A conditional write found another version than it expected; nothing was written. */
public class VersionConflict extends RuntimeException {

    public VersionConflict(String id, long expectedVersion) {
        super("AIcon '" + id + "' is no longer at version " + expectedVersion, null, false, false);
    }
}
