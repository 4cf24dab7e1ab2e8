-- Version 16, for H2 and PostgreSQL alike (statements both accept): one table of when each Connect cluster last
-- reported. V8's connect_cluster_reports (one row per cluster, for the metrics and the "cluster stale" webhook)
-- and V10's cluster_reports (one row per cluster and agent key, for the console) recorded the same arrivals
-- twice; now everything reads cluster_reports, where a cluster's last report is its rows' newest
-- last_received_at.

-- Set on every row of a cluster when a "cluster stale" notification is queued for the silence that began at the
-- cluster's newest last_received_at (a later report starts a new silence).
ALTER TABLE cluster_reports ADD COLUMN stale_notified_at TIMESTAMP WITH TIME ZONE;

-- A cluster last heard from before V10 has no row in cluster_reports: it keeps its last report (and its stale
-- notification), under an agent key that was not recorded then.
INSERT INTO cluster_reports (connect_cluster_id, agent_key, last_event_time, last_received_at, stale_notified_at)
SELECT r.connect_cluster_id, '(before V10)', r.last_report_at, r.last_report_at, r.stale_notified_at
FROM connect_cluster_reports r
WHERE NOT EXISTS (SELECT 1 FROM cluster_reports c WHERE c.connect_cluster_id = r.connect_cluster_id);

-- The others keep their stale notification.
UPDATE cluster_reports SET stale_notified_at = (SELECT r.stale_notified_at FROM connect_cluster_reports r
    WHERE r.connect_cluster_id = cluster_reports.connect_cluster_id)
WHERE stale_notified_at IS NULL;

DROP TABLE connect_cluster_reports;
