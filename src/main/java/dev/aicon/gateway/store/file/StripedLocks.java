package dev.aicon.gateway.store.file;

import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Per-id write locks spread over a fixed set of stripes; several ids are locked in stripe order (no deadlock). */
final class StripedLocks {

    private final ReentrantLock[] stripes;

    StripedLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T with(Collection<String> ids, Supplier<T> action) {
        TreeSet<Integer> held = new TreeSet<>();
        ids.forEach(id -> held.add(Math.floorMod(id.hashCode(), stripes.length)));
        held.forEach(stripe -> stripes[stripe].lock());
        try {
            return action.get();
        } finally {
            held.descendingSet().forEach(stripe -> stripes[stripe].unlock());
        }
    }
}
