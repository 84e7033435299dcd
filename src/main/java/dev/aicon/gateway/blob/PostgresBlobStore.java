package dev.aicon.gateway.blob;

import dev.aicon.gateway.store.postgres.SchemaMigrations;
import dev.aicon.gateway.store.postgres.TenantScope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inline brains in PostgreSQL ({@code aicon_brains}); only brains up to {@code aicon.blob.inline-max-bytes}. Every
 * call waits for the schema first, so before it is migrated a call fails as an outage.
 */
public class PostgresBlobStore implements BlobStore {

    private final TenantScope tenants;
    private final SchemaMigrations schema;
    private final BrainWorkers workers;

    public PostgresBlobStore(Pool pool, SchemaMigrations schema, BrainWorkers workers) {
        this.tenants = new TenantScope(pool);
        this.schema = schema;
        this.workers = workers;
    }

    @Override
    public BrainMeta.Location location() {
        return BrainMeta.Location.inline;
    }

    @Override
    public Uni<Void> put(String object, Path file) {
        return schema.ready()
                .chain(() -> workers.run(() -> Files.readAllBytes(file)))
                .chain(bytes -> tenants.execute(
                        BrainObjects.tenantOf(object),
                        "INSERT INTO aicon_brains (tenant_id, object, bytes) VALUES ($1, $2, $3)",
                        Tuple.of(BrainObjects.tenantOf(object).value(), object, Buffer.buffer(bytes))))
                .replaceWithVoid();
    }

    @Override
    public Uni<InputStream> open(String object) {
        return schema.ready()
                .chain(() -> tenants.execute(
                        BrainObjects.tenantOf(object),
                        "SELECT bytes FROM aicon_brains WHERE tenant_id = $1 AND object = $2",
                        Tuple.of(BrainObjects.tenantOf(object).value(), object)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new BlobMissing(object);
                    }
                    return new ByteArrayInputStream(
                            rows.iterator().next().getBuffer(0).getBytes());
                });
    }

    @Override
    public Uni<Void> delete(String object) {
        return schema.ready()
                .chain(() -> tenants.execute(
                        BrainObjects.tenantOf(object),
                        "DELETE FROM aicon_brains WHERE tenant_id = $1 AND object = $2",
                        Tuple.of(BrainObjects.tenantOf(object).value(), object)))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<StoredObject>> list() {
        return schema.ready()
                .chain(() -> tenants.executeAcrossTenants("SELECT object, created_at FROM aicon_brains", Tuple.tuple()))
                .map(rows -> {
                    List<StoredObject> objects = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        objects.add(new StoredObject(
                                row.getString(0), row.getOffsetDateTime(1).toInstant()));
                    }
                    return objects;
                });
    }
}
