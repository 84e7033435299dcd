package dev.aicon.gateway.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutTest {

    @Test
    void anIdAlwaysLandsOnTheSameSide() {
        for (int i = 0; i < 1000; i++) {
            String id = "aicon-" + i;
            boolean first = Rollout.includes(id, 37);
            for (int again = 0; again < 3; again++) {
                assertEquals(first, Rollout.includes(id, 37), id);
            }
        }
    }

    @Test
    void theShareOfIdsIsCloseToThePercentage() {
        for (int percent : new int[] {1, 10, 30, 50, 90}) {
            long included = IntStream.range(0, 10_000)
                    .mapToObj(i -> UUID.nameUUIDFromBytes(("id" + i).getBytes()).toString())
                    .filter(id -> Rollout.includes(id, percent))
                    .count();
            double share = included / 100.0;
            assertTrue(Math.abs(share - percent) <= 1.5, percent + "% asked, " + share + "% got");
        }
    }

    @Test
    void zeroAndHundredAreExact() {
        assertEquals(
                0,
                IntStream.range(0, 10_000)
                        .filter(i -> Rollout.includes("x" + i, 0))
                        .count());
        assertEquals(
                10_000,
                IntStream.range(0, 10_000)
                        .filter(i -> Rollout.includes("x" + i, 100))
                        .count());
    }

    @Test
    void aWiderRolloutKeepsEveryoneAlreadyIn() {
        for (int i = 0; i < 10_000; i++) {
            String id = "grow-" + i;
            if (Rollout.includes(id, 20)) {
                assertTrue(Rollout.includes(id, 50), id);
            }
        }
    }
}
