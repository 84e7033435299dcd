package dev.aicon.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.JsonText;
import dev.aicon.gateway.domain.Timestamps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Journal entries set aside at replay, never dropped: each is appended, fsynced, to one NDJSON file as
 * {@code {"detected_at", ...what was known then, "entry"}}, and all of them are listed by the admin endpoints.
 * Memory holds their count only; the list is read from the file.
 */
final class KeptEntries {

    private final Path file;
    private final ObjectMapper mapper;
    private final JournalCodec codec;
    private final AtomicInteger size = new AtomicInteger();

    KeptEntries(Path file, ObjectMapper mapper) throws IOException {
        this.file = file;
        this.mapper = mapper;
        this.codec = new JournalCodec(mapper);
        forEach(record -> size.incrementAndGet());
    }

    /** Keeps {@code entry} with {@code details}; returns the record written. */
    JsonNode keep(JournalEntry entry, ObjectNode details) throws IOException {
        ObjectNode record = mapper.createObjectNode().put("detected_at", Timestamps.now());
        record.setAll(details);
        record.set("entry", mapper.readTree(codec.encode(entry)));
        byte[] line = (JsonText.write(mapper, record) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        }
        size.incrementAndGet();
        return record;
    }

    /** Every record, oldest first, read from the file (blocking). */
    List<JsonNode> list() {
        List<JsonNode> records = new ArrayList<>();
        try {
            forEach(records::add);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return records;
    }

    /** Reads the records one at a time, oldest first (blocking). */
    synchronized void forEach(Consumer<JsonNode> records) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    records.accept(mapper.readTree(line));
                }
            }
        }
    }

    /** How many are kept; never waits for a write. */
    int size() {
        return size.get();
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
