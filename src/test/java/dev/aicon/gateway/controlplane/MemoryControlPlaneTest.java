package dev.aicon.gateway.controlplane;

import dev.aicon.gateway.controlplane.memory.MemoryControlPlane;

import java.time.Instant;

class MemoryControlPlaneTest extends ControlPlaneContract {

    private final MemoryControlPlane store = new MemoryControlPlane(Instant.now());

    @Override
    protected ControlPlaneStore store() {
        return store;
    }
}
