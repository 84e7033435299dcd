package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.store.SchemaNotReady;
import dev.aicon.gateway.work.BlockingWork;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Migrates the PostgreSQL schema with Flyway when the database first answers, instead of at start, so the gateway
 * starts (and serves its journal) while PostgreSQL is down. Migrations run on {@code worker}, never on the event
 * loop; after a failed attempt the next one starts no sooner than {@code retryInterval} later. Callers during an
 * attempt wait for it, callers between a failed attempt and the next fail at once with {@link SchemaNotReady}.
 * Each failed attempt logs one warning.
 *
 * <p>After migrating, each attempt runs {@code verify} (with security on: {@link RuntimeRoleCheck}). When it refuses
 * the runtime role, the attempt fails with {@link RuntimeRoleRefused} and logs an ERROR: the state is
 * {@code refused}, every store call fails with that refusal (not an outage: nothing is journaled), the readiness
 * probe is down, and the next attempt (no sooner than {@code retryInterval}) checks again, so fixing the roles
 * needs no restart.
 */
public final class SchemaMigrations {

    private final Supplier<Flyway> flyway;
    private final Duration retryInterval;
    private final Executor worker;
    private final Runnable verify;
    private final Runnable onMigrated;
    private volatile boolean migrated;
    private volatile boolean refused;
    private volatile boolean attempted;
    private @Nullable CompletableFuture<Void> attempt;
    private long nextAttemptNanos;

    /**
     * {@code alreadyMigrated}: nothing to do (another backend, or Quarkus ran Flyway before start).
     * {@code verify} runs after each migration and may throw {@link RuntimeRoleRefused} (it is not run when
     * {@code alreadyMigrated}: whoever migrated checks). {@code onMigrated} runs once the schema is migrated and
     * verified, before {@link #attempted()} says so.
     */
    public SchemaMigrations(
            Supplier<Flyway> flyway,
            Duration retryInterval,
            Executor worker,
            boolean alreadyMigrated,
            Runnable verify,
            Runnable onMigrated) {
        this.flyway = flyway;
        this.retryInterval = retryInterval;
        this.worker = worker;
        this.verify = verify;
        this.onMigrated = onMigrated;
        this.migrated = alreadyMigrated;
        this.attempted = alreadyMigrated;
    }

    /** Starts the first attempt without waiting for it: start-up never waits for the database. */
    public void migrateInBackground() {
        if (!migrated) {
            startAttemptIfDue();
        }
    }

    /** Succeeds once the schema is migrated; until then fails with {@link SchemaNotReady}. */
    public Uni<Void> ready() {
        if (migrated) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(this::currentAttempt);
    }

    /**
     * {@code migrated}, {@code migrating} (an attempt runs), {@code refused} (the last attempt refused the runtime
     * role) or {@code pending} (the last attempt failed).
     */
    public synchronized String state() {
        if (migrated) {
            return "migrated";
        }
        if (attempt != null && !attempt.isDone()) {
            return "migrating";
        }
        return refused ? "refused" : "pending";
    }

    /** Whether the last attempt refused the runtime role (see {@link RuntimeRoleRefused}). */
    public boolean refused() {
        return refused;
    }

    /** Whether an attempt has ended (or none was needed): until then nobody knows if the database answers. */
    public boolean attempted() {
        return attempted;
    }

    /** The attempt under way or just started, as a copy: a caller that cancels does not cancel the attempt. */
    private synchronized CompletableFuture<Void> currentAttempt() {
        if (migrated) {
            return CompletableFuture.completedFuture(null);
        }
        startAttemptIfDue();
        return Objects.requireNonNull(attempt).copy();
    }

    /** Starts an attempt unless one runs, or the last one failed less than its retry interval ago. */
    private synchronized void startAttemptIfDue() {
        CompletableFuture<Void> last = attempt;
        if (last == null || (last.isCompletedExceptionally() && System.nanoTime() - nextAttemptNanos >= 0)) {
            attempt = BlockingWork.on(worker, this::migrate)
                    .onFailure(RejectedExecutionException.class)
                    .transform(stopping -> new SchemaNotReady("no worker thread to migrate the schema", stopping))
                    .subscribeAsCompletionStage();
        }
    }

    /** One attempt, on a worker; fails with {@link SchemaNotReady}. */
    private Void migrate() {
        long started = System.nanoTime();
        try {
            MigrateResult result = flyway.get().migrate();
            verify.run();
            refused = false;
            migrated = true;
            Log.infof(
                    "PostgreSQL schema migrated: %d migration(s) applied, schema version %s, in %d ms",
                    result.migrationsExecuted,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            onMigrated.run();
            attempted = true;
            return null;
        } catch (RuntimeRoleRefused e) {
            synchronized (this) {
                nextAttemptNanos = System.nanoTime() + retryInterval.toNanos();
            }
            refused = true;
            attempted = true;
            Log.errorf(
                    "%s; the store refuses every call until this is fixed (checked again in %s at the earliest)",
                    e.getMessage(), retryInterval);
            throw e;
        } catch (RuntimeException e) {
            synchronized (this) {
                nextAttemptNanos = System.nanoTime() + retryInterval.toNanos();
            }
            attempted = true;
            Log.warnf(
                    "PostgreSQL schema not migrated yet (%s); the store counts as unavailable and writes are "
                            + "journaled; next attempt in %s at the earliest",
                    rootCause(e), retryInterval);
            throw new SchemaNotReady("the PostgreSQL schema is not migrated yet", e);
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == failure ? failure.toString() : failure.getClass().getSimpleName() + ": " + root;
        return cause.replace('\n', ' ');
    }
}
