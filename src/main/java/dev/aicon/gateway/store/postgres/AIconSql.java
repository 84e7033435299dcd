package dev.aicon.gateway.store.postgres;

/**
 * The statements of the PostgreSQL store. Each write is one statement (data-modifying CTEs), so a save costs one
 * round trip, and each is conditional on the expected version: zero affected AIcon rows means a version conflict.
 * The same statement records the version in history (when its document parameter is not null) and the outbox
 * event, so neither can be lost or invented.
 */
final class AIconSql {

    private AIconSql() {}

    private static final String FACTORS_OF = "FROM aicon_factors f WHERE f.aicon_id = a.id";

    private static final String DOCUMENT_COLUMNS = "a.version, a.updated_at, a.attributes::text, "
            + "(SELECT array_agg(f.name ORDER BY f.position) " + FACTORS_OF + "), "
            + "(SELECT array_agg(f.body::text ORDER BY f.position) " + FACTORS_OF + ")";

    static final String GET = "SELECT " + DOCUMENT_COLUMNS + " FROM aicons a WHERE a.id = $1";

    /** Many AIcons in one round trip. $1 ids. */
    static final String GET_ALL = "SELECT a.id, " + DOCUMENT_COLUMNS + " FROM aicons a WHERE a.id = ANY ($1::text[])";

    /**
     * {@link #GET_ALL} and, for ids not stored, their tombstones: rows with a null {@code attributes} column carry
     * the version the id's last delete consumed. An id never has both (they change in one statement).
     */
    static final String CURRENT_ALL = GET_ALL + """

            UNION ALL
            SELECT t.id, t.last_version, NULL, NULL, NULL, NULL
            FROM aicon_tombstones t WHERE t.id = ANY ($1::text[])""";

    private static final String NEW_FACTORS = """
            SELECT a.id, u.name, u.position, u.body::json
            FROM a, unnest($7::text[], $8::text[]) WITH ORDINALITY AS u(name, body, position)""";

    /** The history row and outbox event of the AIcon row {@code a} (id, aicon_type) the statement wrote. */
    private static String recorded(int version, int updatedAt, int kind, int document) {
        return """
                ,
                     h AS (INSERT INTO aicon_versions (aicon_id, version, kind, updated_at, document)
                           SELECT a.id, $%1$d, $%3$d, $%2$d, $%4$d::text::json FROM a WHERE $%4$d::text IS NOT NULL),
                     e AS (INSERT INTO aicon_events (aicon_id, aicon_type, kind, version)
                           SELECT a.id, a.aicon_type, $%3$d, $%1$d FROM a)
                SELECT count(*) FROM a""".formatted(version, updatedAt, kind, document);
    }

    /**
     * $1 id, $2 version, $3 aicon_type, $4 name, $5 updated_at, $6 attributes, $7 factor names, $8 factor bodies,
     * $9 kind, $10 history document. Versions continue across a delete: the create must be the version after the
     * id's tombstone (1 when it has none) and consumes it; the insert trigger of V5 refuses (40001) a create that a
     * delete committed meanwhile made stale.
     */
    static final String CREATE = """
            WITH t AS (DELETE FROM aicon_tombstones WHERE id = $1 AND last_version = $2::bigint - 1 RETURNING id),
                 a AS (INSERT INTO aicons (id, version, aicon_type, name, updated_at, attributes)
                       SELECT $1, $2, $3, $4, $5, $6::text::json
                       WHERE EXISTS (SELECT 1 FROM t)
                          OR ($2::bigint = 1 AND NOT EXISTS (SELECT 1 FROM aicon_tombstones WHERE id = $1))
                       ON CONFLICT (id) DO NOTHING RETURNING id, aicon_type),
                 f AS (INSERT INTO aicon_factors (aicon_id, name, position, body)
            """ + NEW_FACTORS + ")" + recorded(2, 5, 9, 10);

    /** As {@link #CREATE} up to $8, then $9 the expected version, $10 kind, $11 history document. */
    static final String REPLACE = """
            WITH a AS (UPDATE aicons SET version = $2, aicon_type = $3, name = $4, updated_at = $5, attributes = $6::text::json
                       WHERE id = $1 AND version = $9 RETURNING id, aicon_type),
                 d AS (DELETE FROM aicon_factors f USING a WHERE f.aicon_id = a.id AND NOT (f.name = ANY ($7::text[]))),
                 f AS (INSERT INTO aicon_factors (aicon_id, name, position, body)
            """ + NEW_FACTORS + """
                       ON CONFLICT (aicon_id, name) DO UPDATE SET position = excluded.position, body = excluded.body)""" + recorded(2, 5, 10, 11);

    /** $1 id, $2 version, $3 aicon_type, $4 name, $5 updated_at, $6 attributes, $7 expected version, $8 kind,
     * $9 history document. */
    static final String ATTRIBUTES = """
            WITH a AS (UPDATE aicons SET version = $2, aicon_type = $3, name = $4, updated_at = $5, attributes = $6::text::json
                       WHERE id = $1 AND version = $7 RETURNING id, aicon_type)""" + recorded(2, 5, 8, 9);

    /** $1 id, $2 version, $3 updated_at, $4 expected version, $5 factor name, $6 factor body, $7 kind,
     * $8 history document. */
    static final String FACTOR_PUT = """
            WITH a AS (UPDATE aicons SET version = $2, updated_at = $3 WHERE id = $1 AND version = $4
                       RETURNING id, aicon_type),
                 f AS (INSERT INTO aicon_factors (aicon_id, name, position, body)
                       SELECT a.id, $5, coalesce((SELECT max(position) + 1 FROM aicon_factors WHERE aicon_id = $1), 0),
                              $6::text::json
                       FROM a
                       ON CONFLICT (aicon_id, name) DO UPDATE SET body = excluded.body)""" + recorded(2, 3, 7, 8);

    /** $1 id, $2 version, $3 updated_at, $4 expected version, $5 factor name, $6 kind, $7 history document. */
    static final String FACTOR_DELETE = """
            WITH a AS (UPDATE aicons SET version = $2, updated_at = $3 WHERE id = $1 AND version = $4
                       RETURNING id, aicon_type),
                 d AS (DELETE FROM aicon_factors f USING a WHERE f.aicon_id = a.id AND f.name = $5)""" + recorded(2, 3, 6, 7);

    /**
     * $1 id, $2 expected version; history rows go with the AIcon (ON DELETE CASCADE). The delete consumes version
     * $2 + 1: it is the id's tombstone until the id is created again.
     */
    static final String DELETE = """
            WITH a AS (DELETE FROM aicons WHERE id = $1 AND version = $2 RETURNING id, aicon_type),
                 t AS (INSERT INTO aicon_tombstones (id, last_version) SELECT a.id, $2 + 1 FROM a
                       ON CONFLICT (id) DO UPDATE SET last_version = excluded.last_version),
                 e AS (INSERT INTO aicon_events (aicon_id, aicon_type, kind, version)
                       SELECT a.id, a.aicon_type, 'deleted', $2 FROM a)
            SELECT count(*) FROM a""";

    /** $1 id: the row whatever its version (a damaged document cannot be trusted), with its tombstone and event. */
    static final String DELETE_ANY_VERSION = """
            WITH a AS (DELETE FROM aicons WHERE id = $1 RETURNING id, aicon_type, version),
                 t AS (INSERT INTO aicon_tombstones (id, last_version) SELECT a.id, a.version + 1 FROM a
                       ON CONFLICT (id) DO UPDATE SET last_version = excluded.last_version),
                 e AS (INSERT INTO aicon_events (aicon_id, aicon_type, kind, version)
                       SELECT a.id, a.aicon_type, 'deleted', a.version FROM a)
            SELECT count(*) FROM a""";

    static final String PING = "SELECT 1";

    /** $1 id, $2 before version, $3 limit. */
    static final String VERSIONS = """
            SELECT version, updated_at, kind FROM aicon_versions WHERE aicon_id = $1 AND version < $2
            ORDER BY version DESC LIMIT $3""";

    /** $1 id, $2 version. */
    static final String VERSION = "SELECT document::text FROM aicon_versions WHERE aicon_id = $1 AND version = $2";

    /** $1 versions kept per AIcon (0: no count limit), $2 oldest time kept (null: no age limit), $3 batch size. */
    static final String PRUNE_HISTORY = """
            WITH doomed AS (SELECT v.aicon_id, v.version FROM aicon_versions v JOIN aicons a ON a.id = v.aicon_id
                            WHERE v.version < a.version
                              AND (($1::int > 0 AND v.version <= a.version - $1::int)
                                   OR ($2::timestamptz IS NOT NULL AND v.updated_at < $2::timestamptz))
                            LIMIT $3)
            DELETE FROM aicon_versions v USING doomed d WHERE v.aicon_id = d.aicon_id AND v.version = d.version""";

    static final String EVENT_RANGE = "SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM aicon_events";

    /** $1 oldest time kept, $2 batch size; the newest event always stays, so ids never restart. */
    static final String PRUNE_EVENTS = """
            DELETE FROM aicon_events WHERE id IN (
                SELECT id FROM aicon_events WHERE at < $1 AND id < (SELECT max(id) FROM aicon_events)
                ORDER BY id LIMIT $2)""";

    /** Events in ($1, $2], then the AIcon id and type filters given, then the limit. */
    static String events(boolean byAIcon, boolean byType) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, aicon_id, aicon_type, kind, version, at FROM aicon_events WHERE id > $1 AND id <= $2");
        int parameter = 3;
        if (byAIcon) {
            sql.append(" AND aicon_id = $").append(parameter++);
        }
        if (byType) {
            sql.append(" AND aicon_type = $").append(parameter++);
        }
        return sql.append(" ORDER BY id LIMIT $").append(parameter).toString();
    }

    /** A keyset page; only the filters given become predicates, so the matching index serves the query. */
    static String list(boolean byType, boolean byName, boolean afterId) {
        StringBuilder sql =
                new StringBuilder("SELECT id, name, aicon_type, version, updated_at FROM aicons WHERE true");
        int parameter = 1;
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
