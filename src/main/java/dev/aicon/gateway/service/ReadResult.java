package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.store.Current;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * A read and where it came from. {@code degradedSource} is null for a normal answer; while the store is
 * unavailable it names what answered instead ({@link DegradedSource}). A write may start from this gateway's own
 * last copy ({@code fromCopy}) to save a store round trip; the store's version check then catches a stale copy.
 * {@code tombstone} is, when the AIcon does not exist, the version its id's last delete consumed (0: none known), so
 * a create continues the id's versions.
 */
public record ReadResult(
        Optional<AIcon> aicon, @Nullable DegradedSource degradedSource, boolean fromCopy, long tombstone) {

    public ReadResult(Optional<AIcon> aicon, @Nullable DegradedSource degradedSource) {
        this(aicon, degradedSource, false, 0);
    }

    public static ReadResult normal(Optional<AIcon> aicon) {
        return new ReadResult(aicon, null);
    }

    /** What the store answered a write's read with: the AIcon or its id's tombstone. */
    static ReadResult of(Current current) {
        return new ReadResult(current.aicon(), null, false, current.tombstone());
    }

    static ReadResult copy(AIcon aicon) {
        return new ReadResult(Optional.of(aicon), null, true, 0);
    }

    public boolean degraded() {
        return degradedSource != null;
    }

    /** The AIcon's version; 0 when it does not exist (what a write is conditional on). */
    public long version() {
        return aicon.map(AIcon::version).orElse(0L);
    }

    /** The version a write on top of this read produces: for a create, the one after the id's tombstone. */
    public long nextVersion() {
        return new Current(aicon, tombstone).nextVersion();
    }
}
