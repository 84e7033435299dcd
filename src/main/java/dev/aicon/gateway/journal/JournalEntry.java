package dev.aicon.gateway.journal;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.store.StoreWrite;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One write accepted while the store was unavailable, in acceptance order ({@code seq}). Either a
 * {@link StoreWrite} or a delete of {@code id} at {@code expectedVersion}.
 */
public record JournalEntry(
        long seq, String id, long expectedVersion, @Nullable StoreWrite write) {

    public static JournalEntry ofWrite(long seq, StoreWrite write) {
        return new JournalEntry(seq, write.next().id(), write.expectedVersion(), write);
    }

    public static JournalEntry ofDelete(long seq, String id, long expectedVersion) {
        return new JournalEntry(seq, id, expectedVersion, null);
    }

    public boolean isDelete() {
        return write == null;
    }

    /** The write; an entry that is a delete has none. */
    @Override
    public StoreWrite write() {
        return Objects.requireNonNull(write, "a delete has no write");
    }

    /** The AIcon after this entry; an entry that is a delete has none. */
    public AIcon next() {
        return write().next();
    }
}
