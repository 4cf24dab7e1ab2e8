-- Version 5: agent keys scoped to an environment (and optionally to listed Connect clusters), and the revoked
-- console sessions. Both use types H2 and PostgreSQL accept alike.

-- The scope of a scoped key; a key without a row here is unscoped. Deleted with its key.
CREATE TABLE api_key_scopes (
    key_id           VARCHAR(64)   PRIMARY KEY REFERENCES api_keys (key_id) ON DELETE CASCADE,
    environment      VARCHAR(128)  NOT NULL,
    -- local (Confluent Platform) Connect cluster IDs, one per line; empty: every cluster of the environment
    connect_clusters VARCHAR(8000) NOT NULL
);

-- A console session is a signed token (ID, key, expiry); logging out records its ID here so that every replica
-- refuses it. Rows are useless after expires_at and are purged then.
CREATE TABLE console_session_revocations (
    session_id VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_console_session_revocations_expiry ON console_session_revocations (expires_at);
