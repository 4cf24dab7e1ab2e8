-- Version 2 for PostgreSQL (the H2 script with TEXT and microsecond timestamps, see V1): the latest plugin list
-- each worker of a registered Connect cluster reported.
-- One row per (cluster, worker), replaced by newer reports, so it is bounded by the number of workers.
CREATE TABLE worker_plugins (
    connect_cluster_id VARCHAR(64)  NOT NULL REFERENCES connect_clusters (id) ON DELETE CASCADE,
    worker_id          VARCHAR(255) NOT NULL,
    kafka_version      VARCHAR(64),
    plugins_json       TEXT         NOT NULL,
    event_time         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    event_epoch        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    event_sequence     BIGINT       NOT NULL,
    PRIMARY KEY (connect_cluster_id, worker_id)
);
