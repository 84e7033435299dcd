package dev.aicon.gateway.domain;

import java.util.Optional;

/** The conditions a client puts on a write: {@code If-Match} and {@code If-None-Match}. */
public record Preconditions(TagSet ifMatch, TagSet ifNoneMatch) {

    public static final Preconditions NONE = new Preconditions(null, null);

    public static Preconditions of(String ifMatchHeader, String ifNoneMatchHeader) {
        return new Preconditions(TagSet.parse(ifMatchHeader), TagSet.parse(ifNoneMatchHeader));
    }

    /** Whether a write may apply on top of {@code current} (empty when the AIcon does not exist). */
    public boolean allowWriteOn(Optional<AIcon> current) {
        if (ifMatch != null && current.map(c -> !ifMatch.matchesStrongly(c.version())).orElse(true)) {
            return false;
        }
        return ifNoneMatch == null || current.map(c -> !ifNoneMatch.matchesWeakly(c.version())).orElse(true);
    }

    public boolean isConditional() {
        return ifMatch != null || ifNoneMatch != null;
    }
}
