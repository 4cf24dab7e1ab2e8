-- Version 9, for H2 and PostgreSQL alike (types both accept): why each config value of a connector was masked or
-- changed (the snapshot's mask_reasons, plus what the endpoint's ingest scrub found), and how the emitter treated
-- the traces (the snapshot's trace_mode). Both NULL for rows written before, and for tombstones.

-- {"<key>": "<code>"}: type, name, pattern, policy, shape (value masked whole), url (a credential cut out), or a
-- newer emitter's code.
ALTER TABLE connectors ADD COLUMN mask_reasons_json TEXT;
-- SCRUBBED, SUMMARY or NONE; NULL when the emitter does not say (an older plugin: only the endpoint scrubbed).
ALTER TABLE connectors ADD COLUMN trace_mode VARCHAR(16);
