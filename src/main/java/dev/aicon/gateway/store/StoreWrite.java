package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;

/**
 * One conditional write: {@code next} replaces the AIcon stored at {@code expectedVersion} (0: it must not exist).
 * {@code change} says what differs, so a backend can write only that part.
 */
public record StoreWrite(AIcon next, long expectedVersion, Change change) {

    /** What a write touches. */
    public sealed interface Change {
    }

    /** The whole document: attributes and every factor. */
    public record Replace() implements Change {
    }

    /** Top-level fields only; the factors are unchanged. */
    public record Attributes() implements Change {
    }

    /** One factor created or replaced. */
    public record FactorPut(String name) implements Change {
    }

    /** One factor removed. */
    public record FactorDelete(String name) implements Change {
    }

    public boolean creates() {
        return expectedVersion == 0;
    }
}
