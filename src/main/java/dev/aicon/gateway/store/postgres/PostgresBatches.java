package dev.aicon.gateway.store.postgres;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Runs a bounded DELETE again until it removes less than a full batch; returns the total removed. */
final class PostgresBatches {

    private PostgresBatches() {}

    static Uni<Long> deleteAll(TenantScope tenants, String sql, Tuple parameters, int batch) {
        return deleteFrom(tenants, sql, parameters, batch, 0);
    }

    private static Uni<Long> deleteFrom(
            TenantScope tenants, String sql, Tuple parameters, int batch, long removedSoFar) {
        return tenants.executeAcrossTenants(sql, parameters)
                .map(RowSet::rowCount)
                .chain(removed -> removed < batch
                        ? Uni.createFrom().item(removedSoFar + removed)
                        : deleteFrom(tenants, sql, parameters, batch, removedSoFar + removed));
    }
}
