package dev.aicon.gateway.cache;

import dev.aicon.gateway.domain.AIconKey;
import dev.aicon.gateway.domain.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MissedInvalidationsTest {

    private static AIconKey key(String id) {
        return AIconKey.of(TenantId.DEFAULT, id);
    }

    @TempDir
    Path dir;

    @Test
    void onlyTheMissedIdsBypassTheCacheUntilABumpConfirmsThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MissedInvalidations missed = new MissedInvalidations(dir, registry);
        assertFalse(missed.any());
        assertTrue(missed.add(key("a")), "the first one starts an episode");
        MissedInvalidations.Snapshot bump = missed.snapshot();
        assertFalse(missed.add(key("b")));
        assertTrue(missed.bypass(key("a")));
        assertFalse(missed.bypass(key("c")));
        assertEquals(
                2.0, registry.get("aicon.cache.invalidations.pending").gauge().value());

        missed.confirmed(bump);
        assertFalse(missed.bypass(key("a")));
        assertTrue(missed.bypass(key("b")), "missed after the bump was sent: still pending");
        missed.confirmed(missed.snapshot());
        assertFalse(missed.any());
        assertEquals(
                0.0, registry.get("aicon.cache.invalidations.pending").gauge().value());
    }

    @Test
    void aGatewayStartedAfterAMissedInvalidationReadsNothingFromTheCacheUntilItBumps() {
        MissedInvalidations crashed = new MissedInvalidations(dir, new SimpleMeterRegistry());
        crashed.add(key("a"));
        crashed.persist(key("a"));
        assertTrue(Files.exists(dir.resolve(MissedInvalidations.MARKER)), "made durable before the acknowledgement");

        MissedInvalidations restarted = new MissedInvalidations(dir, new SimpleMeterRegistry());
        assertTrue(restarted.bypass(key("a")));
        assertTrue(restarted.bypass(key("never-written-here")), "which ids were missed is not known: none is read");
        restarted.confirmed(restarted.snapshot());
        assertFalse(restarted.bypass(key("a")));
        assertFalse(Files.exists(dir.resolve(MissedInvalidations.MARKER)), "the marker goes with the last one");
        assertFalse(new MissedInvalidations(dir, new SimpleMeterRegistry()).any());
    }

    @Test
    void aConfirmedIdIsNotMadeDurableAfterwards() {
        MissedInvalidations missed = new MissedInvalidations(dir, new SimpleMeterRegistry());
        missed.add(key("a"));
        missed.confirmed(missed.snapshot());
        missed.persist(key("a"));
        assertFalse(Files.exists(dir.resolve(MissedInvalidations.MARKER)));
    }
}
