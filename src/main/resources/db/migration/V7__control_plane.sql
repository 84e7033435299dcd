-- The control plane: tenants, API keys and the audit trail (Hibernate Reactive entities in controlplane/postgres).
-- tenant_id comes first in every primary key and tenant index. Runs as the migration owner; the runtime role
-- (placeholder runtime_role, quarkus.flyway.placeholders.runtime_role) gets only what it needs, and never UPDATE or
-- DELETE on audit_events: pruning goes through aicon_audit_prune, a SECURITY DEFINER function of the owner.

create table tenants (
    tenant_id text primary key check (tenant_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    created   timestamptz not null default now()
);

-- Data written before tenants existed belongs to tenant default, which always exists.
insert into tenants (tenant_id) values ('default');

-- Only the SHA-256 of each key (lower-case hex) is kept; authentication finds a key through the unique index on it,
-- before it knows the tenant (so that index cannot start with tenant_id).
create table api_keys (
    tenant_id text        not null references tenants (tenant_id),
    key_id    text        not null check (key_id ~ '^[0-9a-f]{16}$'),
    sha256    text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    roles     text        not null,
    name      text        not null default '',
    created   timestamptz not null,
    expires   timestamptz,
    revoked   timestamptz,
    primary key (tenant_id, key_id)
);
create unique index api_keys_sha256 on api_keys (sha256);

-- Append-only. tenant_id is '' for a refused request that had no tenant. Ids grow with every insert: the API pages
-- newest first by id. The operator's cross-tenant view and pruning read by id and by time across tenants.
create table audit_events (
    tenant_id text        not null default '',
    id        bigint      generated always as identity,
    at        timestamptz not null,
    subject   text        not null,
    action    text        not null,
    aicon_id  text,
    version   bigint,
    status    integer     not null,
    outcome   text        not null,
    primary key (tenant_id, id)
);
create index audit_events_tenant_at on audit_events (tenant_id, at);
create index audit_events_id on audit_events (id);
create index audit_events_at on audit_events (at);

-- Removes the records older than cutoff, as the owner; the runtime role may call it but not delete rows itself.
create function aicon_audit_prune(cutoff timestamptz) returns bigint
    language sql
    security definer
    set search_path = pg_catalog, public
as $fn$
    with gone as (delete from public.audit_events where at < cutoff returning 1)
    select count(*) from gone
$fn$;
revoke all on function aicon_audit_prune(timestamptz) from public;

-- When the runtime role is another role than the owner, it may read and add, revoke keys (the revoked column only),
-- and prune through the function; it may not update or delete audit rows, whatever default privileges granted.
do $grants$
declare
    runtime text := '${runtime_role}';
begin
    if runtime <> current_user and exists (select 1 from pg_roles where rolname = runtime) then
        execute format('grant select, insert on tenants to %I', runtime);
        execute format('grant select, insert on api_keys to %I', runtime);
        execute format('grant update (revoked) on api_keys to %I', runtime);
        execute format('grant select, insert on audit_events to %I', runtime);
        execute format('revoke update, delete, truncate on audit_events from %I', runtime);
        execute format('grant execute on function aicon_audit_prune(timestamptz) to %I', runtime);
    end if;
end
$grants$;
