-- Row-level security: PostgreSQL itself keeps tenants apart, whatever a statement forgets to filter.
--
-- Migrations run as the owner role (aicon.store.postgres.migration-username), requests as the runtime role
-- (quarkus.datasource.username, the placeholder ${runtime_role}). The runtime role owns nothing, is no superuser and
-- has no BYPASSRLS; the gateway refuses to use it otherwise (store/postgres/RuntimeRoleCheck). FORCE makes the
-- policies bind the owner too, so nothing but a superuser or a BYPASSRLS role reads across tenants unasked.
--
-- The tenant is a transaction-local setting: every unit of work runs
--     BEGIN; SELECT set_config('aicon.tenant', <tenant>, true); <statements>; COMMIT
-- (pipelined in one round trip by store/postgres/TenantScope), never a session SET, so a pooled connection carries
-- no tenant from one borrow to the next. Without the setting current_setting(..., true) is NULL (or '' once a
-- transaction on the connection has set it): no row matches, every tenant table reads as empty and refuses writes.
--
-- Background jobs that act across tenants (outbox dispatch, retention pruning of history and events, blob
-- cleanup) set the value '*', which no tenant id can be (tenant ids are DNS labels). It may read and delete, never
-- insert or update: the policies below grant '*' only SELECT and DELETE, and only on the tables those jobs need.

-- The per-tenant policy: reads, updates and deletes see the setting's rows only; inserts and updates must keep them.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['aicons', 'aicon_factors', 'aicon_brains', 'aicon_versions', 'aicon_events',
                             'aicon_tombstones'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I '
                       'USING (tenant_id = current_setting(''aicon.tenant'', true)) '
                       'WITH CHECK (tenant_id = current_setting(''aicon.tenant'', true))', t);
    END LOOP;
END
$$;

-- Across tenants ('*'): the outbox dispatcher and the event range read aicon_events; history pruning reads aicons
-- (the current version) and deletes from aicon_versions; event pruning deletes from aicon_events; blob cleanup lists
-- aicon_brains and reads which AIcons still reference a brain, then deletes orphans.
CREATE POLICY all_tenants_read ON aicons FOR SELECT USING (current_setting('aicon.tenant', true) = '*');
CREATE POLICY all_tenants_read ON aicon_events FOR SELECT USING (current_setting('aicon.tenant', true) = '*');
CREATE POLICY all_tenants_read ON aicon_versions FOR SELECT USING (current_setting('aicon.tenant', true) = '*');
CREATE POLICY all_tenants_read ON aicon_brains FOR SELECT USING (current_setting('aicon.tenant', true) = '*');
CREATE POLICY all_tenants_prune ON aicon_events FOR DELETE USING (current_setting('aicon.tenant', true) = '*');
CREATE POLICY all_tenants_prune ON aicon_versions FOR DELETE USING (current_setting('aicon.tenant', true) = '*');
CREATE POLICY all_tenants_prune ON aicon_brains FOR DELETE USING (current_setting('aicon.tenant', true) = '*');

-- The runtime role's privileges: data only, no DDL, nothing on Flyway's history. (V7 grants the control-plane
-- tables itself: the audit trail is insert-only.)
GRANT SELECT, INSERT, UPDATE, DELETE
    ON aicons, aicon_factors, aicon_brains, aicon_versions, aicon_events, aicon_tombstones
    TO "${runtime_role}";
GRANT USAGE ON SEQUENCE aicon_events_id_seq TO "${runtime_role}";
