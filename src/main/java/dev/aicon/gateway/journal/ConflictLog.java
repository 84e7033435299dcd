package dev.aicon.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Journal entries that could not be replayed because the store had moved on (another writer got there first).
 * They are never dropped: each is kept in {@code conflicts.ndjson} with the store's version at the time, and listed
 * by the admin endpoint.
 */
public final class ConflictLog {

    private final KeptEntries kept;

    public ConflictLog(Path dir, ObjectMapper mapper) throws IOException {
        this.kept = new KeptEntries(dir.resolve("conflicts.ndjson"), mapper);
    }

    public void keep(JournalEntry entry, long storeVersion) throws IOException {
        kept.keep(entry, kept.mapper().createObjectNode().put("store_version", storeVersion));
    }

    /** Every kept conflict, oldest first, read from disk (blocking). */
    public List<JsonNode> list() {
        return kept.list();
    }

    /** How many conflicts are kept; never waits for a write. */
    public int size() {
        return kept.size();
    }
}
