package dev.aicon.gateway.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Checks, through the migration (owner) connection, that the runtime role cannot bypass row-level security on the
 * tenant tables: it is not a superuser, has no {@code BYPASSRLS}, does not own a tenant table and is no member of a
 * role that does (a member could {@code SET ROLE} to the owner and switch the policies off), and every tenant table
 * has row-level security enabled and forced. Blocking (JDBC): runs on a worker or at start.
 */
public final class RuntimeRoleCheck {

    /** The tables that hold tenant data and carry the policies of {@code V8__row_level_security.sql}. */
    public static final List<String> TENANT_TABLES =
            List.of("aicons", "aicon_factors", "aicon_brains", "aicon_versions", "aicon_events", "aicon_tombstones");

    private static final String QUERY = """
            SELECT r.rolsuper, r.rolbypassrls,
                   coalesce((SELECT string_agg(c.relname || ' (owner ' || pg_get_userbyid(c.relowner) || ')', ', '
                                               ORDER BY c.relname)
                             FROM pg_class c
                             WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY (?)
                               AND pg_has_role(r.oid, c.relowner, 'MEMBER')), '') AS owned,
                   coalesce((SELECT string_agg(t.name, ', ' ORDER BY t.name)
                             FROM unnest(?::text[]) AS t(name)
                             WHERE NOT EXISTS (SELECT 1 FROM pg_class c
                                               WHERE c.relnamespace = current_schema()::regnamespace
                                                 AND c.relname = t.name
                                                 AND c.relrowsecurity AND c.relforcerowsecurity)), '') AS unprotected
            FROM pg_roles r WHERE r.rolname = ?""";

    private RuntimeRoleCheck() {}

    /** Throws {@link RuntimeRoleRefused} naming the role and every reason; returns when the role is safe. */
    public static void verify(DataSource owner, String runtimeRole) {
        List<String> reasons;
        try (Connection connection = owner.getConnection()) {
            reasons = reasons(connection, runtimeRole);
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the PostgreSQL runtime role " + runtimeRole, e);
        }
        if (!reasons.isEmpty()) {
            throw new RuntimeRoleRefused("PostgreSQL runtime role '" + runtimeRole + "' (quarkus.datasource.username) "
                    + "would bypass row-level security while aicon.security.enabled=true: " + String.join("; ", reasons)
                    + ". Run migrations as a separate owner role (aicon.store.postgres.migration-username/"
                    + "migration-password) and use a runtime role with LOGIN NOSUPERUSER NOBYPASSRLS that owns no "
                    + "table (see docs/stores.md, PostgreSQL roles)");
        }
    }

    static List<String> reasons(Connection connection, String runtimeRole) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(QUERY)) {
            Array tables = connection.createArrayOf("text", TENANT_TABLES.toArray());
            query.setArray(1, tables);
            query.setArray(2, tables);
            query.setString(3, runtimeRole);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    reasons.add("the role does not exist");
                    return reasons;
                }
                if (row.getBoolean(1)) {
                    reasons.add("it is a superuser");
                }
                if (row.getBoolean(2)) {
                    reasons.add("it has BYPASSRLS");
                }
                if (!row.getString(3).isEmpty()) {
                    reasons.add("it owns (or is a member of the owner of) " + row.getString(3));
                }
                if (!row.getString(4).isEmpty()) {
                    reasons.add("row-level security is not enabled and forced on " + row.getString(4)
                            + " (is V8__row_level_security applied?)");
                }
            }
        }
        return reasons;
    }
}
