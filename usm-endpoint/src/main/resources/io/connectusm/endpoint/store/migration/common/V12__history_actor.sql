-- Version 12, for H2 and PostgreSQL alike (types both accept): who made each change through the Connect REST API
-- (the snapshot's actor: principal, client address, X-Forwarded-For, User-Agent, the call, forwarded or not), as
-- JSON; NULL when no REST call caused the change (found by the reconcile pass), for deletions, and for rows written
-- before this version.
ALTER TABLE connector_history ADD COLUMN actor_json VARCHAR(2000);
