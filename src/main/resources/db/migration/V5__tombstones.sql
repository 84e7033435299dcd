-- Versions continue across a delete and a re-create, so an id never has the same version (ETag) twice: deleting
-- an AIcon at version N consumes N+1 and leaves it here, in the statement of the delete; the next create of the id
-- must be version N+2 and removes the row, in the statement of the create. A row stays until its id is created
-- again (one small row per deleted id).
CREATE TABLE aicon_tombstones (
    id            text COLLATE "C" PRIMARY KEY,
    last_version  bigint NOT NULL CHECK (last_version > 0)
);

-- Ids deleted before this migration, as far as the outbox still holds their events: a re-create continues after
-- every version the outbox has seen of the id (for a deleted event, the version deleted).
INSERT INTO aicon_tombstones (id, last_version)
SELECT e.aicon_id, max(e.version) + 1 FROM aicon_events e
WHERE NOT EXISTS (SELECT 1 FROM aicons a WHERE a.id = e.aicon_id)
GROUP BY e.aicon_id;

-- A create reads the tombstone in its statement's snapshot, so another create and delete of the same id that
-- commit while it runs could slip past it. After the insert this check reads the latest committed tombstone (a
-- function's queries take a fresh snapshot) and refuses such a create as a serialization failure, which the store
-- answers as a version conflict: the write runs again on a fresh read.
CREATE FUNCTION aicon_versions_continue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM aicon_tombstones t WHERE t.id = NEW.id AND t.last_version >= NEW.version) THEN
        RAISE EXCEPTION 'AIcon % was deleted after version % was read', NEW.id, NEW.version - 1
            USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER aicon_versions_continue AFTER INSERT ON aicons FOR EACH ROW EXECUTE FUNCTION aicon_versions_continue();
