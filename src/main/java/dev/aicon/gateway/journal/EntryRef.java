package dev.aicon.gateway.journal;

import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;

/**
 * Where one journal entry lies on disk and what replay and the overlay need to know of it without its document:
 * {@code segment} names the segment file (its first seq), {@code offset} and {@code length} the entry's line
 * (without its newline). {@code version} is the AIcon's version after the entry, 0 for a delete.
 */
public record EntryRef(
        long seq,
        TenantId tenant,
        String id,
        long expectedVersion,
        long version,
        long segment,
        long offset,
        int length) {

    static EntryRef of(JournalEntry entry, long segment, long offset, int length) {
        long version = entry.isDelete() ? 0 : entry.next().version();
        return new EntryRef(
                entry.seq(), entry.tenant(), entry.id(), entry.expectedVersion(), version, segment, offset, length);
    }

    /** The AIcon the entry writes. */
    public AIconKey key() {
        return AIconKey.of(tenant, id);
    }

    public boolean isDelete() {
        return version == 0;
    }

    /** For a delete, the version it consumed, so a create journaled after it continues the id's versions; else 0. */
    public long tombstone() {
        return isDelete() ? expectedVersion + 1 : 0;
    }

    /** The bytes the entry takes in its segment, newline included. */
    long bytes() {
        return length + 1L;
    }
}
