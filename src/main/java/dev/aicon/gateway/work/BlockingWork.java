package dev.aicon.gateway.work;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The one way the gateway runs blocking work (file system, fsync, blocking clients): off the event loop, on the
 * Quarkus worker pool ({@link #io}) or on a named, bounded executor of its own ({@link #on}). A checked
 * {@link IOException} surfaces as {@link UncheckedIOException}, so outage rules see the cause unchanged.
 */
public final class BlockingWork {

    private BlockingWork() {}

    /** Runs {@code action} on the Quarkus worker pool. */
    public static <T> Uni<T> io(Callable<T> action) {
        return on(Infrastructure.getDefaultWorkerPool(), action);
    }

    /** Runs {@code action} on the Quarkus worker pool, for actions with no result. */
    public static Uni<Void> run(Action action) {
        return io(() -> {
            action.run();
            return null;
        });
    }

    /** Runs {@code action} on {@code executor}; a full executor's rejection fails the returned Uni. */
    public static <T> Uni<T> on(Executor executor, Callable<T> action) {
        return Uni.createFrom().item(() -> call(action)).runSubscriptionOn(executor);
    }

    private static <T> T call(Callable<T> action) {
        try {
            return action.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocking work with no result that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
