-- One row per AIcon (top-level fields and the server-owned version) and one row per state factor,
-- so a factor write touches that factor's row and the AIcon's version only.
-- json (not jsonb) keeps documents exactly as sent: key order, number spelling, duplicate-free text.
CREATE TABLE aicons (
    id          text COLLATE "C" PRIMARY KEY,
    version     bigint      NOT NULL CHECK (version > 0),
    aicon_type  text,
    name        text,
    updated_at  timestamptz NOT NULL,
    attributes  json        NOT NULL
);

CREATE INDEX aicons_by_type ON aicons (aicon_type, id);
CREATE INDEX aicons_by_name ON aicons (name, id);

CREATE TABLE aicon_factors (
    aicon_id  text COLLATE "C" NOT NULL REFERENCES aicons (id) ON DELETE CASCADE,
    name      text    NOT NULL,
    position  integer NOT NULL,
    body      json    NOT NULL,
    PRIMARY KEY (aicon_id, name)
);
