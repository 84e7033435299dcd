-- History: the document every accepted write produced, one row per version, removed with its AIcon and pruned
-- by the retention job (aicon.history.*).
CREATE TABLE aicon_versions (
    aicon_id    text COLLATE "C" NOT NULL REFERENCES aicons (id) ON DELETE CASCADE,
    version     bigint      NOT NULL,
    kind        text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    document    json        NOT NULL,
    PRIMARY KEY (aicon_id, version)
);

CREATE INDEX aicon_versions_by_time ON aicon_versions (updated_at);

-- The change outbox: one event per accepted write, written in the same statement as the write. SSE streams
-- replay it from a client's Last-Event-ID; rows older than aicon.events.retention are pruned.
CREATE TABLE aicon_events (
    id          bigserial PRIMARY KEY,
    aicon_id    text COLLATE "C" NOT NULL,
    aicon_type  text,
    kind        text        NOT NULL,
    version     bigint      NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX aicon_events_by_aicon ON aicon_events (aicon_id, id);
CREATE INDEX aicon_events_by_time ON aicon_events (at);

-- Every gateway LISTENs on aicon_events; a notification only says "new events may exist" (identical
-- notifications of one transaction are delivered once), the outbox holds the events.
CREATE FUNCTION aicon_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('aicon_events', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER aicon_events_notify AFTER INSERT ON aicon_events FOR EACH ROW EXECUTE FUNCTION aicon_events_notify();
