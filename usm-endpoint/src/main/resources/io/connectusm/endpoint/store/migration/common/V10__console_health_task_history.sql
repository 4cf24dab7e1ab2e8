-- Version 10, for H2 and PostgreSQL alike (types both accept): what the console's health roll-up and history
-- timeline need.

-- When the endpoint last heard from each registered Connect cluster, per agent API key it came through: the
-- newest event time of any batch it accepted for the cluster and when that batch arrived. One row per
-- (cluster, agent key), written once per accepted batch; deleted with the registration.
CREATE TABLE cluster_reports (
    connect_cluster_id VARCHAR(64) NOT NULL REFERENCES connect_clusters (id) ON DELETE CASCADE,
    agent_key          VARCHAR(64) NOT NULL,
    last_event_time    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    last_received_at   TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connect_cluster_id, agent_key)
);

-- Each history row's task states after the change ("0=RUNNING,1=FAILED", by task ID), so the timeline can say
-- "task 0 RUNNING -> FAILED". NULL on rows written before this version (then the timeline says only that tasks
-- changed).
ALTER TABLE connector_history ADD COLUMN task_states VARCHAR(65536);
