-- Version 13, for H2 and PostgreSQL alike (types both accept): each live connector's active topics (the snapshot's
-- topics, KIP-558), one row per connector and topic, keyed first by the USM Kafka cluster of the connector's Connect
-- cluster and the topic, so "which connectors use topic T" is a primary-key range scan; the second index serves
-- replacing one connector's set. A snapshot without topics (a worker that does not track them) leaves the rows as
-- they are; a deletion removes them (as does deregistering the Connect cluster, by cascade).
CREATE TABLE connector_topics (
    kafka_cluster_id   VARCHAR(64)  NOT NULL,
    topic              VARCHAR(249) NOT NULL,
    connect_cluster_id VARCHAR(64)  NOT NULL,
    name               VARCHAR(255) NOT NULL,
    PRIMARY KEY (kafka_cluster_id, topic, connect_cluster_id, name),
    CONSTRAINT fk_connector_topics_connector FOREIGN KEY (connect_cluster_id, name)
        REFERENCES connectors (connect_cluster_id, name) ON DELETE CASCADE
);
CREATE INDEX ix_connector_topics_connector ON connector_topics (connect_cluster_id, name);

-- Whether the connector's topics are known (TRUE once a snapshot carried them, even none); NULL: never reported, or
-- deleted since.
ALTER TABLE connectors ADD COLUMN topics_known BOOLEAN;
