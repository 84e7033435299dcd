package dev.aicon.gateway.store.postgres;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Runs a bounded DELETE again until it removes less than a full batch; returns the total removed. */
final class PostgresBatches {

    private PostgresBatches() {}

    static Uni<Long> deleteAll(Pool pool, String sql, Tuple parameters, int batch) {
        return deleteFrom(pool, sql, parameters, batch, 0);
    }

    private static Uni<Long> deleteFrom(Pool pool, String sql, Tuple parameters, int batch, long removedSoFar) {
        return pool.preparedQuery(sql)
                .execute(parameters)
                .map(RowSet::rowCount)
                .chain(removed -> removed < batch
                        ? Uni.createFrom().item(removedSoFar + removed)
                        : deleteFrom(pool, sql, parameters, batch, removedSoFar + removed));
    }
}
