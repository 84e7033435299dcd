package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;

import java.util.Optional;

/**
 * A read and where it came from. {@code degradedSource} is null for a normal answer; while the store is
 * unavailable it names what answered instead: {@code journal}, {@code cache} or {@code memory}. A write may start
 * from this gateway's own last copy ({@code fromCopy}) to save a store round trip; the store's version check then
 * catches a stale copy.
 */
public record Read(Optional<AIcon> aicon, String degradedSource, boolean fromCopy) {

    public Read(Optional<AIcon> aicon, String degradedSource) {
        this(aicon, degradedSource, false);
    }

    public static Read normal(Optional<AIcon> aicon) {
        return new Read(aicon, null);
    }

    static Read copy(AIcon aicon) {
        return new Read(Optional.of(aicon), null, true);
    }

    public boolean degraded() {
        return degradedSource != null;
    }

    public long version() {
        return aicon.map(AIcon::version).orElse(0L);
    }
}
