package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.domain.AIcon;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recently read or written AIcons, kept in memory, least recently used first out: they answer reads while
 * store and cache are down, and give a write its starting point without a store round trip. Bounded by count and
 * by an estimate of their size ({@code aicon.resilience.memory-copies*}).
 */
@ApplicationScoped
public class LastKnownCopies {

    private record Copy(AIcon aicon, long bytes) {
    }

    private final Map<String, Copy> copies = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxCount;
    private final long maxBytes;
    private long bytes;

    LastKnownCopies(ResilienceConfig config) {
        this.maxCount = config.memoryCopies();
        this.maxBytes = config.memoryCopiesMaxBytes().asLongValue();
    }

    /** Keeps {@code aicon} unless a newer copy is kept; its size is estimated outside the lock. */
    public void remember(AIcon aicon) {
        keep(aicon, estimate(aicon));
    }

    private synchronized void keep(AIcon aicon, long size) {
        Copy known = copies.get(aicon.id());
        if (known != null && known.aicon().version() > aicon.version()) {
            return;
        }
        Copy previous = copies.put(aicon.id(), new Copy(aicon, size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        Iterator<Copy> eldest = copies.values().iterator();
        while ((copies.size() > maxCount || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= eldest.next().bytes();
            eldest.remove();
        }
    }

    public synchronized void forget(String id) {
        Copy removed = copies.remove(id);
        if (removed != null) {
            bytes -= removed.bytes();
        }
    }

    public synchronized Optional<AIcon> get(String id) {
        return Optional.ofNullable(copies.get(id)).map(Copy::aicon);
    }

    /** Roughly the heap a document tree takes: its text and a fixed cost per node. */
    private static long estimate(AIcon aicon) {
        long size = estimate(aicon.attributes());
        for (JsonNode factor : aicon.factors().values()) {
            size += estimate(factor);
        }
        return size;
    }

    private static long estimate(JsonNode node) {
        long size = 48;
        if (node.isTextual()) {
            return size + 2L * node.textValue().length();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            size += 2L * field.getKey().length() + estimate(field.getValue());
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                size += estimate(item);
            }
        }
        return size;
    }
}
