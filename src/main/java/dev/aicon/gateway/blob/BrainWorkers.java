package dev.aicon.gateway.blob;

import dev.aicon.gateway.config.BlobConfig;
import dev.aicon.gateway.work.BlockingWork;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code aicon-brain} executor: {@code aicon.blob.workers} threads and a queue of {@code aicon.blob.work-queue}
 * tasks for GCS calls and brain file work (spooling, compressing, verifying, reading chunks to send), so slow cloud
 * calls and large brains never take the Quarkus worker pool from other blocking work. When the queue is full the
 * work fails with {@link BrainUnavailable} (503 with {@code Retry-After}).
 */
@ApplicationScoped
public class BrainWorkers {

    private final ThreadPoolExecutor executor;

    BrainWorkers(BlobConfig blobs) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "aicon-brain-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        executor = new ThreadPoolExecutor(
                blobs.workers(),
                blobs.workers(),
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(blobs.workQueue()),
                threads);
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code action} on an {@code aicon-brain} thread. */
    public <T> Uni<T> run(Callable<T> action) {
        return BlockingWork.on(executor, action)
                .onFailure(RejectedExecutionException.class)
                .transform(e -> new BrainUnavailable("every aicon-brain thread is busy and its queue is full "
                        + "(aicon.blob.workers, aicon.blob.work-queue); retry later"));
    }

    @PreDestroy
    void close() {
        executor.shutdown();
    }
}
