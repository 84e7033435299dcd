package dev.aicon.gateway.store.postgres;

import dev.aicon.gateway.domain.TenantId;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way the PostgreSQL store reaches tenant tables: every unit of work runs in a transaction whose first
 * statement sets the transaction-local {@value #SETTING} (the value row-level security compares {@code tenant_id}
 * with, see {@code V8__row_level_security.sql}). Never a session {@code SET}: when the transaction ends the setting
 * ends with it, so a pooled connection carries no tenant from one borrow to the next.
 *
 * <p>One round trip. {@link #execute} sends {@code BEGIN}, {@code set_config}, the statement and {@code COMMIT} at
 * once on one connection (the Vert.x client pipelines commands on a connection, up to its pipelining limit of 256 by
 * default), then waits for the four answers: a single statement costs one database round trip, as before row-level
 * security (once the connection has prepared both statements). A failing statement aborts the transaction; the
 * {@code COMMIT} behind it then ends it as a rollback, and its own failure is the one reported.
 * {@link #inTransaction} sends {@code BEGIN} and {@code set_config} with the work's first statement, and
 * {@code COMMIT} (or {@code ROLLBACK}) after the work: work of n dependent statements costs n + 1 round trips.
 *
 * <p>Across tenants. Background jobs that serve every tenant (outbox dispatch and its id range, retention pruning of
 * history and events, blob cleanup) use the {@code acrossTenants} variants, which set {@value #ALL_TENANTS}: no
 * tenant id can be that (tenant ids are DNS labels), and the policies let it SELECT and DELETE on the tables those
 * jobs need, never INSERT or UPDATE. Request paths always pass the caller's {@link TenantId}.
 */
public final class TenantScope {

    /** The transaction-local setting the row-level security policies read. */
    public static final String SETTING = "aicon.tenant";

    /** The setting of the gateway's own cross-tenant background jobs: read and delete, never write. */
    public static final String ALL_TENANTS = "*";

    static final String SET_TENANT = "SELECT set_config('" + SETTING + "', $1, true)";

    private final Pool pool;

    public TenantScope(Pool pool) {
        this.pool = pool;
    }

    /** One statement for {@code tenant}, in one round trip. */
    public Uni<RowSet<Row>> execute(TenantId tenant, String sql, Tuple parameters) {
        return executeAs(tenant.value(), sql, parameters);
    }

    /** One statement of a background job across every tenant (read or delete only), in one round trip. */
    public Uni<RowSet<Row>> executeAcrossTenants(String sql, Tuple parameters) {
        return executeAs(ALL_TENANTS, sql, parameters);
    }

    /**
     * Several statements for {@code tenant} in one transaction: {@code work} runs its statements on the connection
     * it is given (and nowhere else), and its Uni ends when the last of them has answered. Commits when it succeeds,
     * rolls back when it fails.
     */
    public <T> Uni<T> inTransaction(TenantId tenant, Function<SqlConnection, Uni<T>> work) {
        return inTransactionAs(tenant.value(), work);
    }

    /** {@link #inTransaction} for a background job across every tenant (read or delete only). */
    public <T> Uni<T> inTransactionAcrossTenants(Function<SqlConnection, Uni<T>> work) {
        return inTransactionAs(ALL_TENANTS, work);
    }

    /**
     * The transaction always runs to its end, even when the caller stops waiting (a timeout cancels): cancelling
     * mid-way would hand the connection back to the pool inside an open transaction that still holds the tenant
     * setting. The caller's Uni waits on a copy of the work's future, so cancelling it leaves the work alone.
     */
    private static <T> Uni<T> toTheEnd(Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .completionStage(() -> work.get().subscribeAsCompletionStage().copy());
    }

    private Uni<RowSet<Row>> executeAs(String setting, String sql, Tuple parameters) {
        return toTheEnd(() -> pool.withConnection(connection -> {
            io.vertx.sqlclient.SqlConnection client = connection.getDelegate();
            // Futures are eager: the four commands leave together, before any answer is read.
            Future<?> begin = client.query("BEGIN").execute();
            Future<?> set = client.preparedQuery(SET_TENANT).execute(io.vertx.sqlclient.Tuple.of(setting));
            Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> statement =
                    client.preparedQuery(sql).execute(parameters.getDelegate());
            Future<?> commit = client.query("COMMIT").execute();
            Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> all = Future.join(begin, set, statement, commit)
                    .transform(done -> {
                        Throwable failure = firstFailure(List.of(begin, set, statement, commit));
                        return failure != null ? Future.failedFuture(failure) : statement;
                    });
            return Uni.createFrom()
                    .completionStage(all.toCompletionStage())
                    .map(rows -> RowSet.newInstance(rows, Row.__TYPE_ARG));
        }));
    }

    private <T> Uni<T> inTransactionAs(String setting, Function<SqlConnection, Uni<T>> work) {
        return toTheEnd(() -> pool.withConnection(connection -> {
            io.vertx.sqlclient.SqlConnection client = connection.getDelegate();
            Future<?> begin = client.query("BEGIN").execute();
            Future<?> set = client.preparedQuery(SET_TENANT).execute(io.vertx.sqlclient.Tuple.of(setting));
            Uni<Boolean> started = Uni.createFrom()
                    .completionStage(Future.join(begin, set)
                            .transform(done -> {
                                Throwable failure = firstFailure(List.of(begin, set));
                                return failure != null
                                        ? Future.<Boolean>failedFuture(failure)
                                        : Future.succeededFuture(true);
                            })
                            .toCompletionStage());
            // Both are subscribed at once, so the work's first statement follows set_config without waiting; the
            // connection goes back to the pool only after the work's last statement answered (collectFailures).
            return Uni.combine()
                    .all()
                    .unis(started, Uni.createFrom().deferred(() -> work.apply(connection)))
                    .collectFailures()
                    .with((ignored, result) -> new Outcome<T>(result, null))
                    .onFailure()
                    .recoverWithItem(failure -> new Outcome<T>(null, unwrap(failure)))
                    .chain(outcome -> end(connection, outcome));
        }));
    }

    private record Outcome<T>(@Nullable T result, @Nullable Throwable failure) {}

    /** COMMIT after success, ROLLBACK after a failure (whose failure is the one reported). */
    private static <T> Uni<T> end(SqlConnection connection, Outcome<T> outcome) {
        Throwable failure = outcome.failure();
        return connection
                .query(failure == null ? "COMMIT" : "ROLLBACK")
                .execute()
                .onItemOrFailure()
                .transform((rows, endFailure) -> {
                    if (failure != null) {
                        throw propagate(failure);
                    }
                    if (endFailure != null) {
                        throw propagate(endFailure);
                    }
                    return outcome.result();
                });
    }

    /** A failure of BEGIN or set_config comes first: it explains why the work failed after it. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompositeException composite
                ? composite.getCauses().get(0)
                : failure;
    }

    private static RuntimeException propagate(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static @Nullable Throwable firstFailure(List<Future<?>> commands) {
        for (Future<?> command : commands) {
            if (command.failed()) {
                return command.cause();
            }
        }
        return null;
    }
}
