package dev.aicon.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.Timestamps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal entries that could not be replayed because the store had moved on (another writer got there first).
 * They are never dropped: each is appended, fsynced, to {@code conflicts.ndjson} with the store's version at the
 * time, and listed by the admin endpoint.
 */
public final class ConflictLog {

    private final Path file;
    private final ObjectMapper mapper;
    private final JournalCodec codec;
    private final List<JsonNode> conflicts = new ArrayList<>();

    public ConflictLog(Path dir, ObjectMapper mapper) throws IOException {
        this.file = dir.resolve("conflicts.ndjson");
        this.mapper = mapper;
        this.codec = new JournalCodec(mapper);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    conflicts.add(mapper.readTree(line));
                }
            }
        }
    }

    public synchronized void keep(JournalEntry entry, long storeVersion) throws IOException {
        ObjectNode record = mapper.createObjectNode().put("detected_at", Timestamps.now())
                .put("store_version", storeVersion);
        record.set("entry", mapper.readTree(codec.encode(entry)));
        byte[] line = (mapper.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
        conflicts.add(record);
    }

    public synchronized List<JsonNode> list() {
        return List.copyOf(conflicts);
    }

    public synchronized int size() {
        return conflicts.size();
    }
}
