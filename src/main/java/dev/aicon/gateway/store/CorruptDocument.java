package dev.aicon.gateway.store;

import org.jspecify.annotations.Nullable;

/** A stored AIcon could not be read back; the backend has set the damaged copy aside. */
public class CorruptDocument extends RuntimeException {

    private final String id;

    public CorruptDocument(String id, @Nullable String detail, @Nullable Throwable cause) {
        super("stored AIcon '" + id + "' is unreadable: " + detail, cause);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
