-- Tenants: every AIcon, factor row, version, outbox event, tombstone and inline brain belongs to one tenant, and ids
-- are unique per tenant. Rows written before tenants existed become tenant 'default'. Every statement of the store
-- names its tenant; the default only fills the rows that exist now.
--
-- tenant_id comes first in every primary key, foreign key and index, the layout a distribution by tenant (Citus)
-- needs. The outbox keeps one index on its id alone: the dispatcher reads every tenant's events in id order.

ALTER TABLE aicons ADD COLUMN tenant_id text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE aicon_factors ADD COLUMN tenant_id text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE aicon_versions ADD COLUMN tenant_id text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE aicon_events ADD COLUMN tenant_id text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE aicon_tombstones ADD COLUMN tenant_id text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE aicon_brains ADD COLUMN tenant_id text COLLATE "C" NOT NULL DEFAULT 'default';

-- The children's foreign keys go first: they depend on the parent's primary key.
ALTER TABLE aicon_factors DROP CONSTRAINT aicon_factors_aicon_id_fkey;
ALTER TABLE aicon_versions DROP CONSTRAINT aicon_versions_aicon_id_fkey;

ALTER TABLE aicons DROP CONSTRAINT aicons_pkey;
ALTER TABLE aicons ADD PRIMARY KEY (tenant_id, id);

ALTER TABLE aicon_factors DROP CONSTRAINT aicon_factors_pkey;
ALTER TABLE aicon_factors ADD PRIMARY KEY (tenant_id, aicon_id, name);
ALTER TABLE aicon_factors ADD FOREIGN KEY (tenant_id, aicon_id) REFERENCES aicons (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE aicon_versions DROP CONSTRAINT aicon_versions_pkey;
ALTER TABLE aicon_versions ADD PRIMARY KEY (tenant_id, aicon_id, version);
ALTER TABLE aicon_versions ADD FOREIGN KEY (tenant_id, aicon_id) REFERENCES aicons (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE aicon_events DROP CONSTRAINT aicon_events_pkey;
ALTER TABLE aicon_events ADD PRIMARY KEY (tenant_id, id);
CREATE UNIQUE INDEX aicon_events_in_order ON aicon_events (id);

ALTER TABLE aicon_tombstones DROP CONSTRAINT aicon_tombstones_pkey;
ALTER TABLE aicon_tombstones ADD PRIMARY KEY (tenant_id, id);

ALTER TABLE aicon_brains DROP CONSTRAINT aicon_brains_pkey;
ALTER TABLE aicon_brains ADD PRIMARY KEY (tenant_id, object);

DROP INDEX aicons_by_type;
DROP INDEX aicons_by_name;
DROP INDEX aicon_events_by_aicon;
CREATE INDEX aicons_by_type ON aicons (tenant_id, aicon_type, id);
CREATE INDEX aicons_by_name ON aicons (tenant_id, name, id);
CREATE INDEX aicon_events_by_aicon ON aicon_events (tenant_id, aicon_id, id);

-- The create check of V5, per tenant: an id's tombstone is its tenant's.
CREATE OR REPLACE FUNCTION aicon_versions_continue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM aicon_tombstones t
               WHERE t.tenant_id = NEW.tenant_id AND t.id = NEW.id AND t.last_version >= NEW.version) THEN
        RAISE EXCEPTION 'AIcon % was deleted after version % was read', NEW.id, NEW.version - 1
            USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NULL;
END
$$;
