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
 * Journal entries set aside at replay, never dropped: each is appended, fsynced, to one NDJSON file as
 * {@code {"detected_at", ...what was known then, "entry"}}, and all of them are listed by the admin endpoints.
 */
final class KeptEntries {

    private final Path file;
    private final ObjectMapper mapper;
    private final JournalCodec codec;
    private final List<JsonNode> records = new ArrayList<>();

    KeptEntries(Path file, ObjectMapper mapper) throws IOException {
        this.file = file;
        this.mapper = mapper;
        this.codec = new JournalCodec(mapper);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(mapper.readTree(line));
                }
            }
        }
    }

    /** Keeps {@code entry} with {@code details}; returns the record written. */
    synchronized JsonNode keep(JournalEntry entry, ObjectNode details) throws IOException {
        ObjectNode record = mapper.createObjectNode().put("detected_at", Timestamps.now());
        record.setAll(details);
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
        records.add(record);
        return record;
    }

    synchronized List<JsonNode> list() {
        return List.copyOf(records);
    }

    synchronized int size() {
        return records.size();
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
