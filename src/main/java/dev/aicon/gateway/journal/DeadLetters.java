package dev.aicon.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.AIconKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journal entries replay could not apply for a reason other than an outage or a version conflict (data the store
 * refuses, a bug). They are never dropped: each is kept in {@code dead-letters.ndjson} with its cause and listed by
 * the admin endpoint, and replay goes on past it. A later entry of the same AIcon written on top of a dead-lettered
 * one can never apply either (the store never reached the version it builds on); it is kept here too, naming the
 * entry it builds on ({@code builds_on_seq}). Memory holds only that chain's index (id, version, seq), never a
 * document.
 */
public final class DeadLetters {

    private final KeptEntries kept;
    /** Per AIcon: the version a dead-lettered entry would have produced (0 for a delete), to the entry's seq. */
    private final Map<AIconKey, Map<Long, Long>> seqByResult = new ConcurrentHashMap<>();

    public DeadLetters(Path dir, ObjectMapper mapper) throws IOException {
        this.kept = new KeptEntries(dir.resolve("dead-letters.ndjson"), mapper);
        kept.forEach(this::index);
    }

    /** Keeps {@code entry}, which failed with {@code cause}. */
    public void keep(JournalEntry entry, Throwable cause) throws IOException {
        index(kept.keep(entry, kept.mapper().createObjectNode().put("cause", cause.toString())));
    }

    /** Keeps {@code entry}, which builds on the dead-lettered entry {@code deadSeq}. */
    public void keepFollower(JournalEntry entry, long deadSeq) throws IOException {
        ObjectNode details = kept.mapper()
                .createObjectNode()
                .put("cause", "builds on dead-lettered entry " + deadSeq)
                .put("builds_on_seq", deadSeq);
        index(kept.keep(entry, details));
    }

    /** The seq of the dead-lettered entry {@code entry} was written on top of, if any; never waits for a write. */
    public OptionalLong buildsOn(JournalEntry entry) {
        Long seq = seqByResult.getOrDefault(entry.key(), Map.of()).get(entry.expectedVersion());
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    /** Every dead letter, oldest first, read from disk (blocking). */
    public List<JsonNode> list() {
        return kept.list();
    }

    /** How many dead letters are kept; never waits for a write. */
    public int size() {
        return kept.size();
    }

    private void index(JsonNode record) {
        JsonNode entry = record.path("entry");
        long result = entry.path("kind").asText().equals("delete")
                ? 0
                : entry.path("document").path("version").asLong();
        seqByResult
                .computeIfAbsent(
                        AIconKey.of(
                                JournalCodec.tenantOf(entry), entry.path("id").asText()),
                        key -> new ConcurrentHashMap<>())
                .put(result, entry.path("seq").asLong());
    }
}
