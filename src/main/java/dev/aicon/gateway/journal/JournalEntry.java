package dev.aicon.gateway.journal;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.store.StoreWrite;

/**
 * One write accepted while the store was unavailable, in acceptance order ({@code seq}). Either a
 * {@link StoreWrite} or a delete of {@code id} at {@code expectedVersion}.
 */
public record JournalEntry(long seq, String id, long expectedVersion, StoreWrite write) {

    public static JournalEntry ofWrite(long seq, StoreWrite write) {
        return new JournalEntry(seq, write.next().id(), write.expectedVersion(), write);
    }

    public static JournalEntry ofDelete(long seq, String id, long expectedVersion) {
        return new JournalEntry(seq, id, expectedVersion, null);
    }

    public boolean isDelete() {
        return write == null;
    }

    /** The AIcon after this entry; {@code null} for a delete. */
    public AIcon next() {
        return write == null ? null : write.next();
    }
}
