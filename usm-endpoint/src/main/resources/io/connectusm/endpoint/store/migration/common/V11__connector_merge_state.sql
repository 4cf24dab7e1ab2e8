-- Version 11, for H2 and PostgreSQL alike (types both accept): how a connector's stored state was merged from its
-- workers' reports (JSON, see JsonColumns.merge): who reported each task's and the connector's own state and when
-- (the worker running a task is authoritative for it), which workers' views are overruled and since when, the
-- config fingerprints the connector had (a tombstone keeps them, so a stale worker cannot revive it), the stamp a
-- deletion must be newer than, and who reported a deletion. NULL on rows written before: nothing known.
ALTER TABLE connectors ADD COLUMN merge_json VARCHAR(1000000);
