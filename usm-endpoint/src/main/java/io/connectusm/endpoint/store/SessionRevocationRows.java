package io.connectusm.endpoint.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * The {@code console_session_revocations} table: IDs of console sessions that were logged out before they
 * expired, so that every replica on the database refuses them. A row is useless once its session expired and is
 * purged at the next revocation. Thread-safe; every method is one transaction.
 */
public final class SessionRevocationRows {

    private final Database database;

    public SessionRevocationRows(Database database) {
        this.database = database;
    }

    /** Records {@code sessionId} as revoked (idempotent) and drops the rows of sessions expired before {@code now}. */
    public void revoke(String sessionId, Instant expiresAt, Instant now) {
        database.inTransaction(c -> {
            try (PreparedStatement purge = c.prepareStatement(
                    "DELETE FROM console_session_revocations WHERE expires_at < ?")) {
                purge.setObject(1, Sql.utc(now));
                purge.executeUpdate();
            }
            try (PreparedStatement exists = c.prepareStatement(
                    "SELECT 1 FROM console_session_revocations WHERE session_id = ?")) {
                exists.setString(1, sessionId);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO console_session_revocations (session_id, expires_at) VALUES (?,?)")) {
                ps.setString(1, sessionId);
                ps.setObject(2, Sql.utc(expiresAt));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public boolean isRevoked(String sessionId) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM console_session_revocations WHERE session_id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
