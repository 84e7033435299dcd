package dev.aicon.gateway.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heap budget for bodies in flight: charges, first come first served, bounded waits, no leaks. */
class BodyBudgetTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void aBodyIsChargedItsBytesAndTheTokensItCanHoldUpToTheCap() {
        BodyBudget budget = new BodyBudget(1L << 40, 100_000);
        assertEquals(5 * 3000 + 300 * 2002, budget.charge(3000));
        long max = 16L * 1024 * 1024;
        assertEquals(5 * max + 300L * 100_000, budget.charge(max));
        assertEquals(128L << 20, new BodyBudget(128L << 20, 100_000).charge(1L << 30), "at most the whole budget");
    }

    @Test
    void theDefaultIsHalfTheHeap() {
        assertEquals(128L << 20, BodyBudget.capacityOf(0, 256L << 20));
        assertEquals(10L << 20, BodyBudget.capacityOf(10L << 20, 256L << 20));
    }

    @Test
    void roomIsGrantedWhileItFitsAndGivenBackOnce() {
        BodyBudget budget = new BodyBudget(100, 1);
        BodyBudget.Grant first = budget.tryAcquire(60).orElseThrow();
        assertTrue(budget.tryAcquire(50).isEmpty());
        BodyBudget.Grant second = budget.tryAcquire(40).orElseThrow();
        assertEquals(100, budget.used());
        first.release();
        first.release();
        assertEquals(40, budget.used());
        second.release();
        assertEquals(0, budget.used());
    }

    @Test
    void waitersAreServedInOrderWhenRoomFrees() throws Exception {
        BodyBudget budget = new BodyBudget(100, 1);
        BodyBudget.Grant holder = budget.tryAcquire(100).orElseThrow();
        CompletableFuture<BodyBudget.Grant> big = budget.acquire(80, LONG).toCompletableFuture();
        CompletableFuture<BodyBudget.Grant> small = budget.acquire(10, LONG).toCompletableFuture();
        assertTrue(budget.tryAcquire(1).isEmpty(), "nobody passes those waiting");
        assertFalse(big.isDone());
        holder.release();
        assertEquals(80, big.get(5, TimeUnit.SECONDS).amount());
        assertEquals(10, small.get(5, TimeUnit.SECONDS).amount());
        assertEquals(90, budget.used());
    }

    @Test
    void aWaitEndsWithATimeoutAndLeavesNothingHeld() throws Exception {
        BodyBudget budget = new BodyBudget(100, 1);
        BodyBudget.Grant holder = budget.tryAcquire(100).orElseThrow();
        CompletableFuture<BodyBudget.Grant> late =
                budget.acquire(50, Duration.ofMillis(100)).toCompletableFuture();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, failure.getCause());
        holder.release();
        assertEquals(0, budget.used());
        assertTrue(budget.tryAcquire(100).isPresent(), "the timed-out waiter no longer blocks the line");
    }

    @Test
    void aChargeOfTheWholeBudgetRunsAlone() throws Exception {
        BodyBudget budget = new BodyBudget(100, 1);
        BodyBudget.Grant small = budget.tryAcquire(1).orElseThrow();
        CompletableFuture<BodyBudget.Grant> huge = budget.acquire(1_000, LONG).toCompletableFuture();
        assertFalse(huge.isDone());
        small.release();
        assertEquals(100, huge.get(5, TimeUnit.SECONDS).amount());
        assertTrue(budget.tryAcquire(1).isEmpty());
    }
}
