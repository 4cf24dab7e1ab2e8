-- Version 6, for H2 and PostgreSQL alike (types both accept): what several endpoint replicas on one database
-- share, the columns the connector lists filter and sort on, and the index history retention deletes by.

-- Secrets every replica must use alike (the key that signs web sessions, the one that signs form tokens):
-- created by whichever replica needs one first (the others then read it), never written again. Base64 text.
CREATE TABLE endpoint_secrets (
    name         VARCHAR(64)  PRIMARY KEY,
    secret_value VARCHAR(256) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per periodic job. A replica runs the job only while its transaction holds the row's lock
-- (SELECT ... FOR UPDATE SKIP LOCKED), so one replica at a time; the row says when it last ran and where.
CREATE TABLE endpoint_locks (
    name        VARCHAR(64)  PRIMARY KEY,
    last_run_at TIMESTAMP WITH TIME ZONE,
    last_run_by VARCHAR(255)
);
INSERT INTO endpoint_locks (name) VALUES ('history-retention');

-- A connector's summary, written with its state, so lists filter ("failing": the connector or any task FAILED),
-- sort and count without parsing tasks_json. V7 fills them for the rows written before this version.
ALTER TABLE connectors ADD COLUMN tasks_total INT;
ALTER TABLE connectors ADD COLUMN tasks_running INT;
ALTER TABLE connectors ADD COLUMN tasks_failed INT;
ALTER TABLE connectors ADD COLUMN trace_present BOOLEAN;
ALTER TABLE connectors ADD COLUMN failing BOOLEAN;
CREATE INDEX ix_connectors_failing ON connectors (connect_cluster_id, deleted, failing, name);

-- History retention deletes by age.
CREATE INDEX ix_connector_history_time ON connector_history (event_time);

-- A tombstone keeps only what stops an older event from reviving the connector (its name and the deletion's
-- stamp); what the connector was is in its history, which retention and the admin purge bound.
UPDATE connectors SET connector_class = NULL, connector_type = NULL, state = NULL, worker_id = NULL, trace = NULL,
    tasks_json = NULL, config_json = NULL, masked_keys_json = NULL, config_fingerprint = NULL
    WHERE deleted = TRUE;
