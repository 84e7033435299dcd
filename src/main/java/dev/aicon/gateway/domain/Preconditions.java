package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Optional;

/** The conditions a client puts on a write: {@code If-Match} and {@code If-None-Match}. */
public record Preconditions(
        @Nullable TagSet ifMatch, @Nullable TagSet ifNoneMatch) {

    public static final Preconditions NONE = new Preconditions(null, null);

    public static Preconditions of(@Nullable String ifMatchHeader, @Nullable String ifNoneMatchHeader) {
        return new Preconditions(TagSet.parse(ifMatchHeader), TagSet.parse(ifNoneMatchHeader));
    }

    /**
     * The condition of a bulk item's {@code expected_version}: 0 means the AIcon must not exist (as
     * {@code If-None-Match: *}), any other version must be the current one (as {@code If-Match: "<version>"}).
     */
    public static Preconditions expectingVersion(long version) {
        return version == 0
                ? new Preconditions(null, new TagSet(true, List.of()))
                : new Preconditions(new TagSet(false, List.of(new TagSet.Tag(false, Long.toString(version)))), null);
    }

    /** Whether a write may apply on top of {@code current} (empty when the AIcon does not exist). */
    public boolean allowWriteOn(Optional<AIcon> current) {
        return allowWriteOnTag(
                current.map(aicon -> Long.toString(aicon.version())).orElse(null));
    }

    /**
     * Whether a write may apply on top of an entity whose tag is {@code currentTag} (null when there is none):
     * the same rules, for entities tagged otherwise than by the AIcon version (a brain by its SHA-256).
     */
    public boolean allowWriteOnTag(@Nullable String currentTag) {
        if (ifMatch != null && (currentTag == null || !ifMatch.matchesStrongly(currentTag))) {
            return false;
        }
        return ifNoneMatch == null || currentTag == null || !ifNoneMatch.matchesWeakly(currentTag);
    }
}
