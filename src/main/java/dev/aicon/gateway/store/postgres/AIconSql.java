package dev.aicon.gateway.store.postgres;

/**
 * The statements of the PostgreSQL store. Each write is one statement (data-modifying CTEs), so a save costs one
 * round trip, and each is conditional on the expected version: zero affected AIcon rows means a version conflict.
 * The same statement records the version in history (when its document parameter is not null) and the outbox
 * event, so neither can be lost or invented.
 * <p>
 * Every statement that reaches an AIcon takes its tenant as {@code $1} and names {@code tenant_id} in every table it
 * touches (ids are unique per tenant: the keys are {@code (tenant_id, id)}). Only maintenance works across tenants:
 * {@link #PRUNE_HISTORY}, {@link #PRUNE_EVENTS}, {@link #EVENT_RANGE} and the dispatcher's {@link #events} read of
 * every tenant, which returns each event's tenant.
 */
final class AIconSql {

    private AIconSql() {}

    private static final String FACTORS_OF =
            "FROM aicon_factors f WHERE f.tenant_id = a.tenant_id AND f.aicon_id = a.id";

    private static final String DOCUMENT_COLUMNS = "a.version, a.updated_at, a.attributes::text, "
            + "(SELECT array_agg(f.name ORDER BY f.position) " + FACTORS_OF + "), "
            + "(SELECT array_agg(f.body::text ORDER BY f.position) " + FACTORS_OF + ")";

    /** $1 tenant, $2 id. */
    static final String GET = "SELECT " + DOCUMENT_COLUMNS + " FROM aicons a WHERE a.tenant_id = $1 AND a.id = $2";

    /** Many AIcons in one round trip. $1 tenant, $2 ids. */
    static final String GET_ALL =
            "SELECT a.id, " + DOCUMENT_COLUMNS + " FROM aicons a WHERE a.tenant_id = $1 AND a.id = ANY ($2::text[])";

    /**
     * {@link #GET_ALL} and, for ids not stored, their tombstones: rows with a null {@code attributes} column carry
     * the version the id's last delete consumed. An id never has both (they change in one statement).
     */
    static final String CURRENT_ALL = GET_ALL + """

            UNION ALL
            SELECT t.id, t.last_version, NULL, NULL, NULL, NULL
            FROM aicon_tombstones t WHERE t.tenant_id = $1 AND t.id = ANY ($2::text[])""";

    private static final String NEW_FACTORS = """
            SELECT a.tenant_id, a.id, u.name, u.position, u.body::json
            FROM a, unnest($8::text[], $9::text[]) WITH ORDINALITY AS u(name, body, position)""";

    /** The history row and outbox event of the AIcon row {@code a} (tenant_id, id, aicon_type) the statement wrote. */
    private static String recorded(int version, int updatedAt, int kind, int document) {
        return """
                ,
                     h AS (INSERT INTO aicon_versions (tenant_id, aicon_id, version, kind, updated_at, document)
                           SELECT a.tenant_id, a.id, $%1$d, $%3$d, $%2$d, $%4$d::text::json FROM a
                           WHERE $%4$d::text IS NOT NULL),
                     e AS (INSERT INTO aicon_events (tenant_id, aicon_id, aicon_type, kind, version)
                           SELECT a.tenant_id, a.id, a.aicon_type, $%3$d, $%1$d FROM a)
                SELECT count(*) FROM a""".formatted(version, updatedAt, kind, document);
    }

    /**
     * $1 tenant, $2 id, $3 version, $4 aicon_type, $5 name, $6 updated_at, $7 attributes, $8 factor names, $9 factor
     * bodies, $10 kind, $11 history document. Versions continue across a delete: the create must be the version after
     * the id's tombstone (1 when it has none) and consumes it; the insert trigger of V5 (V6 per tenant) refuses
     * (40001) a create that a delete committed meanwhile made stale.
     */
    static final String CREATE = """
            WITH t AS (DELETE FROM aicon_tombstones WHERE tenant_id = $1 AND id = $2 AND last_version = $3::bigint - 1
                       RETURNING id),
                 a AS (INSERT INTO aicons (tenant_id, id, version, aicon_type, name, updated_at, attributes)
                       SELECT $1, $2, $3, $4, $5, $6, $7::text::json
                       WHERE EXISTS (SELECT 1 FROM t)
                          OR ($3::bigint = 1
                              AND NOT EXISTS (SELECT 1 FROM aicon_tombstones WHERE tenant_id = $1 AND id = $2))
                       ON CONFLICT (tenant_id, id) DO NOTHING RETURNING tenant_id, id, aicon_type),
                 f AS (INSERT INTO aicon_factors (tenant_id, aicon_id, name, position, body)
            """ + NEW_FACTORS + ")" + recorded(3, 6, 10, 11);

    /** As {@link #CREATE} up to $9, then $10 the expected version, $11 kind, $12 history document. */
    static final String REPLACE = """
            WITH a AS (UPDATE aicons SET version = $3, aicon_type = $4, name = $5, updated_at = $6, attributes = $7::text::json
                       WHERE tenant_id = $1 AND id = $2 AND version = $10 RETURNING tenant_id, id, aicon_type),
                 d AS (DELETE FROM aicon_factors f USING a
                       WHERE f.tenant_id = a.tenant_id AND f.aicon_id = a.id AND NOT (f.name = ANY ($8::text[]))),
                 f AS (INSERT INTO aicon_factors (tenant_id, aicon_id, name, position, body)
            """ + NEW_FACTORS + """
                       ON CONFLICT (tenant_id, aicon_id, name) DO UPDATE SET position = excluded.position, body = excluded.body)""" + recorded(3, 6, 11, 12);

    /** $1 tenant, $2 id, $3 version, $4 aicon_type, $5 name, $6 updated_at, $7 attributes, $8 expected version,
     * $9 kind, $10 history document. */
    static final String ATTRIBUTES = """
            WITH a AS (UPDATE aicons SET version = $3, aicon_type = $4, name = $5, updated_at = $6, attributes = $7::text::json
                       WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING tenant_id, id, aicon_type)""" + recorded(3, 6, 9, 10);

    /** $1 tenant, $2 id, $3 version, $4 updated_at, $5 expected version, $6 factor name, $7 factor body, $8 kind,
     * $9 history document. */
    static final String FACTOR_PUT = """
            WITH a AS (UPDATE aicons SET version = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2 AND version = $5
                       RETURNING tenant_id, id, aicon_type),
                 f AS (INSERT INTO aicon_factors (tenant_id, aicon_id, name, position, body)
                       SELECT a.tenant_id, a.id, $6,
                              coalesce((SELECT max(position) + 1 FROM aicon_factors
                                        WHERE tenant_id = $1 AND aicon_id = $2), 0),
                              $7::text::json
                       FROM a
                       ON CONFLICT (tenant_id, aicon_id, name) DO UPDATE SET body = excluded.body)""" + recorded(3, 4, 8, 9);

    /** $1 tenant, $2 id, $3 version, $4 updated_at, $5 expected version, $6 factor name, $7 kind, $8 history
     * document. */
    static final String FACTOR_DELETE = """
            WITH a AS (UPDATE aicons SET version = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2 AND version = $5
                       RETURNING tenant_id, id, aicon_type),
                 d AS (DELETE FROM aicon_factors f USING a
                       WHERE f.tenant_id = a.tenant_id AND f.aicon_id = a.id AND f.name = $6)""" + recorded(3, 4, 7, 8);

    /**
     * $1 tenant, $2 id, $3 expected version; history rows go with the AIcon (ON DELETE CASCADE). The delete consumes
     * version $3 + 1: it is the id's tombstone until the id is created again.
     */
    static final String DELETE = """
            WITH a AS (DELETE FROM aicons WHERE tenant_id = $1 AND id = $2 AND version = $3
                       RETURNING tenant_id, id, aicon_type),
                 t AS (INSERT INTO aicon_tombstones (tenant_id, id, last_version) SELECT a.tenant_id, a.id, $3 + 1 FROM a
                       ON CONFLICT (tenant_id, id) DO UPDATE SET last_version = excluded.last_version),
                 e AS (INSERT INTO aicon_events (tenant_id, aicon_id, aicon_type, kind, version)
                       SELECT a.tenant_id, a.id, a.aicon_type, 'deleted', $3 FROM a)
            SELECT count(*) FROM a""";

    /**
     * $1 tenant, $2 id: the row whatever its version (a damaged document cannot be trusted), with its tombstone and
     * event.
     */
    static final String DELETE_ANY_VERSION = """
            WITH a AS (DELETE FROM aicons WHERE tenant_id = $1 AND id = $2 RETURNING tenant_id, id, aicon_type, version),
                 t AS (INSERT INTO aicon_tombstones (tenant_id, id, last_version)
                       SELECT a.tenant_id, a.id, a.version + 1 FROM a
                       ON CONFLICT (tenant_id, id) DO UPDATE SET last_version = excluded.last_version),
                 e AS (INSERT INTO aicon_events (tenant_id, aicon_id, aicon_type, kind, version)
                       SELECT a.tenant_id, a.id, a.aicon_type, 'deleted', a.version FROM a)
            SELECT count(*) FROM a""";

    static final String PING = "SELECT 1";

    /** $1 tenant, $2 id, $3 before version, $4 limit. */
    static final String VERSIONS = """
            SELECT version, updated_at, kind FROM aicon_versions WHERE tenant_id = $1 AND aicon_id = $2 AND version < $3
            ORDER BY version DESC LIMIT $4""";

    /** $1 tenant, $2 id, $3 version. */
    static final String VERSION =
            "SELECT document::text FROM aicon_versions WHERE tenant_id = $1 AND aicon_id = $2 AND version = $3";

    /**
     * Every tenant's history (each version against its own AIcon): $1 versions kept per AIcon (0: no count limit),
     * $2 oldest time kept (null: no age limit), $3 batch size.
     */
    static final String PRUNE_HISTORY = """
            WITH doomed AS (SELECT v.tenant_id, v.aicon_id, v.version FROM aicon_versions v
                            JOIN aicons a ON a.tenant_id = v.tenant_id AND a.id = v.aicon_id
                            WHERE v.version < a.version
                              AND (($1::int > 0 AND v.version <= a.version - $1::int)
                                   OR ($2::timestamptz IS NOT NULL AND v.updated_at < $2::timestamptz))
                            LIMIT $3)
            DELETE FROM aicon_versions v USING doomed d
            WHERE v.tenant_id = d.tenant_id AND v.aicon_id = d.aicon_id AND v.version = d.version""";

    /** The outbox's ids span every tenant. */
    static final String EVENT_RANGE = "SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM aicon_events";

    /**
     * Every tenant's events: $1 oldest time kept, $2 batch size; the newest event always stays, so ids never
     * restart.
     */
    static final String PRUNE_EVENTS = """
            DELETE FROM aicon_events WHERE id IN (
                SELECT id FROM aicon_events WHERE at < $1 AND id < (SELECT max(id) FROM aicon_events)
                ORDER BY id LIMIT $2)""";

    /**
     * Events in ($1, $2]; of one tenant ($3) or, for the dispatcher only, of every tenant; then the AIcon id and type
     * filters given, then the limit. Each row carries its tenant.
     */
    static String events(boolean byTenant, boolean byAIcon, boolean byType) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, tenant_id, aicon_id, aicon_type, kind, version, at FROM aicon_events WHERE id > $1 AND id <= $2");
        int parameter = 3;
        if (byTenant) {
            sql.append(" AND tenant_id = $").append(parameter++);
        }
        if (byAIcon) {
            sql.append(" AND aicon_id = $").append(parameter++);
        }
        if (byType) {
            sql.append(" AND aicon_type = $").append(parameter++);
        }
        return sql.append(" ORDER BY id LIMIT $").append(parameter).toString();
    }

    /**
     * A keyset page of tenant $1; only the filters given become predicates, so the matching index (tenant first)
     * serves the query.
     */
    static String list(boolean byType, boolean byName, boolean afterId) {
        StringBuilder sql =
                new StringBuilder("SELECT id, name, aicon_type, version, updated_at FROM aicons WHERE tenant_id = $1");
        int parameter = 2;
        if (byType) {
            sql.append(" AND aicon_type = $").append(parameter++);
        }
        if (byName) {
            sql.append(" AND name = $").append(parameter++);
        }
        if (afterId) {
            sql.append(" AND id > $").append(parameter++);
        }
        return sql.append(" ORDER BY id LIMIT $").append(parameter).toString();
    }
}
