package dev.aicon.gateway.service;

import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.domain.AIcon;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The most recently read or written AIcons, kept in memory to answer reads while store and cache are down. */
@ApplicationScoped
public class LastKnownCopies {

    private final Map<String, AIcon> copies;

    LastKnownCopies(ResilienceConfig config) {
        int capacity = config.memoryCopies();
        this.copies = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AIcon> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void remember(AIcon aicon) {
        AIcon known = copies.get(aicon.id());
        if (known == null || known.version() <= aicon.version()) {
            copies.put(aicon.id(), aicon);
        }
    }

    public synchronized void forget(String id) {
        copies.remove(id);
    }

    public synchronized Optional<AIcon> get(String id) {
        return Optional.ofNullable(copies.get(id));
    }
}
