package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The entity tags of an {@code If-Match} or {@code If-None-Match} header (RFC 9110 §13.1): {@code *} or a list of
 * quoted versions, each possibly weak. A tag that is not a quoted version never matches.
 */
public record TagSet(boolean any, List<Tag> tags) {

    public record Tag(boolean weak, String opaque) {}

    /** Parses a header value; {@code null} or blank gives {@code null} (no condition). */
    public static @Nullable TagSet parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.trim().equals("*")) {
            return new TagSet(true, List.of());
        }
        List<Tag> tags = new ArrayList<>();
        for (String raw : header.split(",", -1)) {
            String tag = raw.trim();
            boolean weak = tag.startsWith("W/");
            String quoted = weak ? tag.substring(2) : tag;
            if (quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"")) {
                tags.add(new Tag(weak, quoted.substring(1, quoted.length() - 1)));
            }
        }
        return new TagSet(false, tags);
    }

    /** Strong comparison, as {@code If-Match} requires. */
    public boolean matchesStrongly(long version) {
        return matchesStrongly(Long.toString(version));
    }

    public boolean matchesStrongly(String opaque) {
        return any || tags.stream().anyMatch(t -> !t.weak() && t.opaque().equals(opaque));
    }

    /** Weak comparison, as {@code If-None-Match} requires. */
    public boolean matchesWeakly(long version) {
        return matchesWeakly(Long.toString(version));
    }

    public boolean matchesWeakly(String opaque) {
        return any || tags.stream().anyMatch(t -> t.opaque().equals(opaque));
    }
}
