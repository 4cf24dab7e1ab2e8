package io.connectusm.endpoint.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api_key_scopes} table: the environment and the local Connect cluster IDs a scoped key is limited to.
 * A key without a row is unscoped; a row goes with its key ({@code ON DELETE CASCADE}). Only rows: what a scope
 * allows is the auth package's. Thread-safe; every method is one transaction.
 */
public final class ApiKeyScopeRows {

    /**
     * One key's scope.
     *
     * @param keyId           the key ID
     * @param environment     the only environment the key may write to
     * @param connectClusters the local Connect cluster IDs it may write for; empty: all of the environment
     */
    public record Row(String keyId, String environment, List<String> connectClusters) {
        public Row {
            connectClusters = List.copyOf(connectClusters);
        }
    }

    private final Database database;

    public ApiKeyScopeRows(Database database) {
        this.database = database;
    }

    public void insert(Row row) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_key_scopes (key_id, environment, connect_clusters) VALUES (?,?,?)")) {
                ps.setString(1, row.keyId());
                ps.setString(2, row.environment());
                ps.setString(3, String.join("\n", row.connectClusters()));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Row> find(String keyId) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT environment, connect_clusters FROM api_key_scopes WHERE key_id = ?")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(keyId, rs.getString(1), lines(rs.getString(2))))
                            : Optional.empty();
                }
            }
        });
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
