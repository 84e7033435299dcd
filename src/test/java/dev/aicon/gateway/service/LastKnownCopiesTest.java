package dev.aicon.gateway.service;

import dev.aicon.gateway.config.ResilienceConfig;
import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.support.Fixtures;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LastKnownCopiesTest {

    private static LastKnownCopies copies(int count, long bytes) {
        return new LastKnownCopies(new ResilienceConfig() {
            @Override
            public Backend store() {
                return null;
            }

            @Override
            public Backend cache() {
                return null;
            }

            @Override
            public Backend gcs() {
                return null;
            }

            @Override
            public int memoryCopies() {
                return count;
            }

            @Override
            public MemorySize memoryCopiesMaxBytes() {
                return new MemorySize(BigInteger.valueOf(bytes));
            }
        });
    }

    private static AIcon version(String id, long version) {
        return Fixtures.sdkAIcon(id).stamped(version, Timestamps.now());
    }

    private static long kept(LastKnownCopies copies, int ids) {
        return IntStream.range(0, ids)
                .filter(i -> copies.get(TenantId.DEFAULT, "id-" + i).isPresent())
                .count();
    }

    @Test
    void aNewerCopyIsNeverReplacedByAnOlderOneAndAForgottenOneIsGone() {
        LastKnownCopies copies = copies(100, 1 << 20);
        copies.remember(TenantId.DEFAULT, version("a", 3));
        copies.remember(TenantId.DEFAULT, version("a", 2));
        assertEquals(3, copies.get(TenantId.DEFAULT, "a").orElseThrow().version());
        copies.remember(TenantId.DEFAULT, version("a", 4));
        assertEquals(4, copies.get(TenantId.DEFAULT, "a").orElseThrow().version());
        copies.forget(TenantId.DEFAULT, "a");
        assertTrue(copies.get(TenantId.DEFAULT, "a").isEmpty());
    }

    @Test
    void copiesStayWithinTheirCountAndTheirByteBudget() {
        LastKnownCopies byCount = copies(10, 64L << 20);
        IntStream.range(0, 200).forEach(i -> byCount.remember(TenantId.DEFAULT, version("id-" + i, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> kept(byCount, 200) <= 10);
        assertTrue(kept(byCount, 200) > 0);

        int each = HeapEstimate.of(version("id-0", 1));
        LastKnownCopies byBytes = copies(10_000, 5L * each);
        IntStream.range(0, 200).forEach(i -> byBytes.remember(TenantId.DEFAULT, version("id-" + i, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> kept(byBytes, 200) <= 5);
        assertTrue(kept(byBytes, 200) > 0);
    }
}
