package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;

/**
 * One conditional write in {@code tenant}: {@code next} replaces the AIcon stored at {@code expectedVersion} (0: it must not exist,
 * and {@code next} is stamped with the version after the id's tombstone, see {@link Current}). {@code change} says
 * what differs, so a backend can write only that part.
 */
public record StoreWrite(TenantId tenant, AIcon next, long expectedVersion, Change change) {

    /** What a write touches. */
    public sealed interface Change {}

    /** The whole document: attributes and every factor. */
    public record Replace() implements Change {}

    /** Top-level fields only; the factors are unchanged. */
    public record Attributes() implements Change {}

    /** Top-level fields only, for the server-owned {@code brain} field: the AIcon's brain changed. */
    public record Brain() implements Change {}

    /** One factor created or replaced. */
    public record FactorPut(String name) implements Change {}

    /** One factor removed. */
    public record FactorDelete(String name) implements Change {}

    public boolean creates() {
        return expectedVersion == 0;
    }

    /** The kind of change recorded in history and announced to event streams. */
    public ChangeKind kind() {
        if (creates()) {
            return ChangeKind.created;
        } else if (change instanceof FactorPut || change instanceof FactorDelete) {
            return ChangeKind.factor_updated;
        } else if (change instanceof Brain) {
            return ChangeKind.brain_updated;
        }
        return ChangeKind.updated;
    }
}
