package dev.aicon.gateway.journal;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.StoreWrite;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One write accepted while the store was unavailable, in acceptance order ({@code seq}), for the AIcon {@code id} of
 * {@code tenant}. Either a {@link StoreWrite} (of that tenant) or a delete of {@code id} at {@code expectedVersion}.
 */
public record JournalEntry(
        long seq,
        TenantId tenant,
        String id,
        long expectedVersion,
        @Nullable StoreWrite write) {

    public static JournalEntry ofWrite(long seq, StoreWrite write) {
        return new JournalEntry(seq, write.tenant(), write.next().id(), write.expectedVersion(), write);
    }

    public static JournalEntry ofDelete(long seq, TenantId tenant, String id, long expectedVersion) {
        return new JournalEntry(seq, tenant, id, expectedVersion, null);
    }

    /** The AIcon this entry writes. */
    public AIconKey key() {
        return AIconKey.of(tenant, id);
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
