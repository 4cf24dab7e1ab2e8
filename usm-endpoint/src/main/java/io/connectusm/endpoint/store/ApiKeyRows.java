package io.connectusm.endpoint.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api_keys} table: key ID, role name, the salted hash of the secret with its iteration count,
 * description, creation time. Only rows: what a role means and how secrets are hashed and checked is the auth
 * package's. Thread-safe; every method is one transaction.
 */
public final class ApiKeyRows {

    /**
     * One stored key. Never holds the secret, only its hash.
     *
     * @param keyId       the key ID
     * @param role        the role's name
     * @param salt        the hash's salt
     * @param secretHash  the salted slow hash of the secret
     * @param iterations  the hash's iteration count
     * @param description free text, may be empty
     * @param createdAt   when the key was created
     */
    public record Row(String keyId, String role, byte[] salt, byte[] secretHash, int iterations, String description,
                      Instant createdAt) {
    }

    private final Database database;

    public ApiKeyRows(Database database) {
        this.database = database;
    }

    public void insert(Row row) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys "
                    + "(key_id, role, salt, secret_hash, iterations, description, created_at) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, row.keyId());
                ps.setString(2, row.role());
                ps.setBytes(3, row.salt());
                ps.setBytes(4, row.secretHash());
                ps.setInt(5, row.iterations());
                ps.setString(6, row.description());
                ps.setObject(7, Sql.utc(row.createdAt()));
                return ps.executeUpdate();
            }
        });
    }

    /** Every key, oldest first, without salts and hashes (they are {@code null} in the returned rows). */
    public List<Row> list() {
        return database.inTransaction(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT key_id, role, description, created_at FROM api_keys ORDER BY created_at, key_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), null, null, 0, rs.getString(3),
                            Sql.instant(rs, 4)));
                }
            }
            return out;
        });
    }

    /** One key with its salt and hash, for verifying a secret. */
    public Optional<Row> find(String keyId) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT role, salt, secret_hash, iterations, description, "
                    + "created_at FROM api_keys WHERE key_id = ?")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(keyId, rs.getString(1), rs.getBytes(2), rs.getBytes(3),
                            rs.getInt(4), rs.getString(5), Sql.instant(rs, 6))) : Optional.empty();
                }
            }
        });
    }

    /** Deletes a key; {@code false} when there was none. */
    public boolean delete(String keyId) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE key_id = ?")) {
                ps.setString(1, keyId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
