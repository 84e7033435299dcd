package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;

import java.util.Optional;

/**
 * A read and where it came from. {@code degradedSource} is null for a normal answer; while the store is
 * unavailable it names what answered instead: {@code journal}, {@code cache} or {@code memory}.
 */
public record Read(Optional<AIcon> aicon, String degradedSource) {

    public static Read normal(Optional<AIcon> aicon) {
        return new Read(aicon, null);
    }

    public boolean degraded() {
        return degradedSource != null;
    }

    public long version() {
        return aicon.map(AIcon::version).orElse(0L);
    }
}
