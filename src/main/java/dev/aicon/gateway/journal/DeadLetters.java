package dev.aicon.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Journal entries replay could not apply for a reason other than an outage or a version conflict (data the store
 * refuses, a bug). They are never dropped: each is kept in {@code dead-letters.ndjson} with its cause and listed by
 * the admin endpoint, and replay goes on past it. A later entry of the same AIcon written on top of a dead-lettered
 * one can never apply either (the store never reached the version it builds on); it is kept here too, naming the
 * entry it builds on ({@code builds_on_seq}).
 */
public final class DeadLetters {

    private final KeptEntries kept;
    /** Per AIcon: the version a dead-lettered entry would have produced (0 for a delete), to the entry's seq. */
    private final Map<String, Map<Long, Long>> seqByResult = new HashMap<>();

    public DeadLetters(Path dir, ObjectMapper mapper) throws IOException {
        this.kept = new KeptEntries(dir.resolve("dead-letters.ndjson"), mapper);
        kept.list().forEach(this::index);
    }

    /** Keeps {@code entry}, which failed with {@code cause}. */
    public void keep(JournalEntry entry, Throwable cause) throws IOException {
        keep(entry, kept.mapper().createObjectNode().put("cause", cause.toString()));
    }

    /** Keeps {@code entry}, which builds on the dead-lettered entry {@code deadSeq}. */
    public void keepFollower(JournalEntry entry, long deadSeq) throws IOException {
        keep(entry, kept.mapper().createObjectNode().put("cause", "builds on dead-lettered entry " + deadSeq)
                .put("builds_on_seq", deadSeq));
    }

    /** The seq of the dead-lettered entry {@code entry} was written on top of, if any. */
    public synchronized OptionalLong buildsOn(JournalEntry entry) {
        Long seq = seqByResult.getOrDefault(entry.id(), Map.of()).get(entry.expectedVersion());
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    public List<JsonNode> list() {
        return kept.list();
    }

    public int size() {
        return kept.size();
    }

    private synchronized void keep(JournalEntry entry, ObjectNode details) throws IOException {
        index(kept.keep(entry, details));
    }

    private synchronized void index(JsonNode record) {
        JsonNode entry = record.path("entry");
        long result = entry.path("kind").asText().equals("delete") ? 0 : entry.path("document").path("version").asLong();
        seqByResult.computeIfAbsent(entry.path("id").asText(), id -> new HashMap<>()).put(result, entry.path("seq").asLong());
    }
}
