package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.ChangeKind;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.EventQuery;
import dev.aicon.gateway.store.memory.InProcessOutbox;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The outbox of the file and memory stores: pruning never needs the append lock (so appends never wait for it), and
 * what it removed is counted once, so the size cap still keeps exactly {@code maxEvents}.
 */
class InProcessOutboxTest {

    private static void append(InProcessOutbox outbox, int count) {
        for (int i = 0; i < count; i++) {
            outbox.append(TenantId.DEFAULT, "a-" + i, "t", ChangeKind.updated, i + 1);
        }
    }

    private static long kept(InProcessOutbox outbox) {
        AIconStore.EventRange range = outbox.range();
        return outbox.events(new EventQuery(
                        TenantId.DEFAULT, range.oldest() - 1, range.newest(), null, null, Integer.MAX_VALUE))
                .size();
    }

    @Test
    void pruningRunsWhileAnotherThreadHoldsTheAppendLock() throws Exception {
        InProcessOutbox outbox = new InProcessOutbox(100_000);
        append(outbox, 10_000);
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        long removed;
        synchronized (outbox) {
            removed = CompletableFuture.supplyAsync(() -> outbox.prune(later)).get(30, TimeUnit.SECONDS);
        }
        assertEquals(9_999, removed, "everything but the newest event was older than the cut");
        assertEquals(1, kept(outbox));
    }

    @Test
    void theSizeCapKeepsExactlyMaxEventsAfterAPrune() {
        InProcessOutbox outbox = new InProcessOutbox(10);
        append(outbox, 10);
        long newestBefore = outbox.range().newest();
        assertEquals(9, outbox.prune(Instant.now().plus(1, ChronoUnit.HOURS)));
        append(outbox, 9);
        assertEquals(10, kept(outbox), "the pruned events no longer count against the cap");
        assertEquals(newestBefore, outbox.range().oldest());
        append(outbox, 1);
        assertEquals(10, kept(outbox));
        assertEquals(newestBefore + 1, outbox.range().oldest(), "the oldest went first");
    }
}
