package dev.aicon.gateway.blob;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Runs blocking file and GCS work on the worker pool, never on the event loop. */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> io(Callable<T> action) {
        return Uni.createFrom().item(() -> {
            try {
                return action.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
