package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.AIcon;

import java.util.Optional;

/**
 * What the next write of an id builds on: the stored AIcon, or, when none is stored, the version the id's last
 * delete consumed ({@code tombstone}; 0 when it was never deleted). Versions continue across a delete and a
 * re-create, so an ETag is never reused: a create is stamped {@link #nextVersion()}.
 */
public record Current(Optional<AIcon> aicon, long tombstone) {

    public static Current stored(AIcon aicon) {
        return new Current(Optional.of(aicon), 0);
    }

    public static Current deleted(long tombstone) {
        return new Current(Optional.empty(), tombstone);
    }

    /** The version a write on top of this state produces. */
    public long nextVersion() {
        return aicon.map(AIcon::version).orElse(tombstone) + 1;
    }
}
