package dev.aicon.gateway.api;

import dev.aicon.gateway.config.ByteSize;
import dev.aicon.gateway.config.DocumentConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The heap JSON bodies in flight may take ({@code aicon.document.in-flight-max-bytes}), shared by every body and
 * import line. A body is charged, before any of it is read, the most its length can cost through a write
 * ({@link #charge}); past the budget it waits, first come first served, without holding a thread, and a body whose
 * charge is the whole budget or more runs alone. Nothing here blocks: waiting is a future completed when room frees.
 */
@ApplicationScoped
public class BodyBudget {

    /**
     * Heap per body byte, measured through a PUT on a 256 MiB heap (docs/performance.md): the bytes as received,
     * as read, their text in the tree and the compact JSON the store and the answer write.
     */
    static final long HEAP_PER_BYTE = 5;
    /** Heap per JSON token, measured the same way with bodies of tiny objects (the parsed tree and its copies). */
    static final long HEAP_PER_TOKEN = 300;

    private final long capacity;
    private final int maxTokens;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long used;

    @Inject
    BodyBudget(DocumentConfig documents) {
        this(
                capacityOf(
                        documents.inFlightMaxBytes().asLongValue(),
                        Runtime.getRuntime().maxMemory()),
                documents.maxTokens());
        Log.infof(
                "JSON bodies in flight may take %s of heap; a body of aicon.document.max-bytes (%s) is charged %s",
                ByteSize.of(capacity),
                ByteSize.of(documents.maxBytes()),
                ByteSize.of(charge(documents.maxBytes().asLongValue())));
    }

    BodyBudget(long capacity, int maxTokens) {
        this.capacity = capacity;
        this.maxTokens = maxTokens;
    }

    /** The configured budget, or half of {@code maxHeap} when it is 0. */
    static long capacityOf(long configured, long maxHeap) {
        return configured > 0 ? configured : maxHeap / 2;
    }

    /**
     * The most heap a body of {@code bytes} may take: {@link #HEAP_PER_BYTE} per byte and {@link #HEAP_PER_TOKEN}
     * per token it can hold (two tokens per three bytes at most, as in {@code [{},{}]}, and never more than
     * {@code aicon.document.max-tokens}), at most the whole budget.
     */
    public long charge(long bytes) {
        long tokens = Math.min(maxTokens, (2 * bytes) / 3 + 2);
        return Math.min(capacity, HEAP_PER_BYTE * bytes + HEAP_PER_TOKEN * tokens);
    }

    public long capacity() {
        return capacity;
    }

    /** Heap charged to bodies in flight now. */
    public synchronized long used() {
        return used;
    }

    /** {@code amount} now, when nobody waits and it fits; empty otherwise. */
    public synchronized Optional<Grant> tryAcquire(long amount) {
        long charged = Math.min(amount, capacity);
        if (waiters.isEmpty() && used + charged <= capacity) {
            used += charged;
            return Optional.of(new Grant(charged));
        }
        return Optional.empty();
    }

    /**
     * {@code amount}, when it fits after those waiting before it; fails with {@link
     * java.util.concurrent.TimeoutException}
     * after {@code wait}. The future completes on the thread that freed the room (or the timer's).
     */
    public CompletionStage<Grant> acquire(long amount, Duration wait) {
        Optional<Grant> now = tryAcquire(amount);
        if (now.isPresent()) {
            return CompletableFuture.completedFuture(now.get());
        }
        Waiter waiter = new Waiter(Math.min(amount, capacity), new CompletableFuture<>());
        synchronized (this) {
            waiters.add(waiter);
        }
        grantWaiting();
        return waiter.future.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).whenComplete((grant, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    waiters.remove(waiter);
                }
                grantWaiting();
            }
        });
    }

    /** Hands freed room to the waiters at the head of the line, outside the lock. */
    private void grantWaiting() {
        List<Waiter> granted = new ArrayList<>();
        synchronized (this) {
            while (!waiters.isEmpty() && used + waiters.peek().amount <= capacity) {
                Waiter next = waiters.poll();
                used += next.amount;
                granted.add(next);
            }
        }
        for (Waiter waiter : granted) {
            Grant grant = new Grant(waiter.amount);
            if (!waiter.future.complete(grant)) {
                grant.release();
            }
        }
    }

    private synchronized void free(long amount) {
        used -= amount;
    }

    private record Waiter(long amount, CompletableFuture<Grant> future) {}

    /** Room held by one body; released once, when its answer is done (later releases do nothing). */
    public final class Grant {
        private final long amount;
        private final AtomicBoolean released = new AtomicBoolean();

        private Grant(long amount) {
            this.amount = amount;
        }

        public long amount() {
            return amount;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                free(amount);
                grantWaiting();
            }
        }
    }
}
