-- Writes no longer NOTIFY inside their own statement: a transaction that notifies takes PostgreSQL's
-- notification lock at commit, which serialized every write. Each gateway now sends one NOTIFY aicon_events
-- after its writes committed, coalescing the writes of a few milliseconds (see PgEventChannel).
DROP TRIGGER aicon_events_notify ON aicon_events;
DROP FUNCTION aicon_events_notify();
