package dev.aicon.gateway.service;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Whether the journal has been read back at start. Replay is skipped until then, so the scheduler's event loop
 * never waits for {@link DegradedMode} while it reads a large journal from disk.
 */
@Singleton
public class JournalOpening implements Scheduled.SkipPredicate {

    private volatile boolean open;

    void opened() {
        open = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !open;
    }
}
