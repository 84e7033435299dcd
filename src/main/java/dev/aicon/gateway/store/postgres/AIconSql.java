package dev.aicon.gateway.store.postgres;

/**
 * The statements of the PostgreSQL store. Each write is one statement (data-modifying CTEs), so a save costs one
 * round trip, and each is conditional on the expected version: zero affected AIcon rows means a version conflict.
 */
final class AIconSql {

    private AIconSql() {
    }

    static final String GET = """
            SELECT a.version, a.updated_at, a.attributes::text,
                   (SELECT array_agg(f.name ORDER BY f.position) FROM aicon_factors f WHERE f.aicon_id = a.id),
                   (SELECT array_agg(f.body::text ORDER BY f.position) FROM aicon_factors f WHERE f.aicon_id = a.id)
            FROM aicons a WHERE a.id = $1""";

    private static final String NEW_FACTORS = """
            SELECT a.id, u.name, u.position, u.body::json
            FROM a, unnest($7::text[], $8::text[]) WITH ORDINALITY AS u(name, body, position)""";

    /** $1 id, $2 version, $3 aicon_type, $4 name, $5 updated_at, $6 attributes, $7 factor names, $8 factor bodies. */
    static final String CREATE = """
            WITH a AS (INSERT INTO aicons (id, version, aicon_type, name, updated_at, attributes)
                       VALUES ($1, $2, $3, $4, $5, $6::text::json) ON CONFLICT (id) DO NOTHING RETURNING id),
                 f AS (INSERT INTO aicon_factors (aicon_id, name, position, body)
            """ + NEW_FACTORS + """
            )
            SELECT count(*) FROM a""";

    /** As {@link #CREATE}, plus $9 the expected version. */
    static final String REPLACE = """
            WITH a AS (UPDATE aicons SET version = $2, aicon_type = $3, name = $4, updated_at = $5, attributes = $6::text::json
                       WHERE id = $1 AND version = $9 RETURNING id),
                 d AS (DELETE FROM aicon_factors f USING a WHERE f.aicon_id = a.id AND NOT (f.name = ANY ($7::text[]))),
                 f AS (INSERT INTO aicon_factors (aicon_id, name, position, body)
            """ + NEW_FACTORS + """
                       ON CONFLICT (aicon_id, name) DO UPDATE SET position = excluded.position, body = excluded.body)
            SELECT count(*) FROM a""";

    /** $1 id, $2 version, $3 aicon_type, $4 name, $5 updated_at, $6 attributes, $7 expected version. */
    static final String ATTRIBUTES = """
            UPDATE aicons SET version = $2, aicon_type = $3, name = $4, updated_at = $5, attributes = $6::text::json
            WHERE id = $1 AND version = $7""";

    /** $1 id, $2 version, $3 updated_at, $4 expected version, $5 factor name, $6 factor body. */
    static final String FACTOR_PUT = """
            WITH a AS (UPDATE aicons SET version = $2, updated_at = $3 WHERE id = $1 AND version = $4 RETURNING id)
            INSERT INTO aicon_factors (aicon_id, name, position, body)
            SELECT a.id, $5, coalesce((SELECT max(position) + 1 FROM aicon_factors WHERE aicon_id = $1), 0), $6::text::json
            FROM a
            ON CONFLICT (aicon_id, name) DO UPDATE SET body = excluded.body
            RETURNING aicon_id""";

    /** $1 id, $2 version, $3 updated_at, $4 expected version, $5 factor name. */
    static final String FACTOR_DELETE = """
            WITH a AS (UPDATE aicons SET version = $2, updated_at = $3 WHERE id = $1 AND version = $4 RETURNING id),
                 d AS (DELETE FROM aicon_factors f USING a WHERE f.aicon_id = a.id AND f.name = $5)
            SELECT count(*) FROM a""";

    static final String DELETE = "DELETE FROM aicons WHERE id = $1 AND version = $2";

    static final String PING = "SELECT 1";

    /** A keyset page; only the filters given become predicates, so the matching index serves the query. */
    static String list(boolean byType, boolean byName, boolean afterId) {
        StringBuilder sql = new StringBuilder("SELECT id, name, aicon_type, version, updated_at FROM aicons WHERE true");
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
