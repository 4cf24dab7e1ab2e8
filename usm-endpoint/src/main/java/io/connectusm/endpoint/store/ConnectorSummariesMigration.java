package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Version 7, in Java because it parses JSON: fills the summary columns that version 6 added
 * ({@link ConnectorSummary}: task counts, trace present, failing) for every live connector written before them.
 * Rows written since carry their summary. Same on both databases; runs in Flyway's transaction. Stateless.
 */
final class ConnectorSummariesMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "connector summaries";
    }

    @Override
    public Integer getChecksum() {
        return 4; // the class is never edited once released, like a script; bump with a new version instead
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (PreparedStatement select = c.prepareStatement("SELECT connect_cluster_id, name, state, trace, "
                + "tasks_json FROM connectors WHERE deleted = FALSE AND failing IS NULL");
             PreparedStatement update = c.prepareStatement("UPDATE connectors SET tasks_total = ?, tasks_running = ?, "
                     + "tasks_failed = ?, trace_present = ?, failing = ? WHERE connect_cluster_id = ? AND name = ?");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ConnectorSummary s = ConnectorSummary.of(rs.getString(2), null, rs.getString(3), rs.getString(4),
                        JsonColumns.tasks(rs.getString(5)), null);
                ConnectorRows.bindSummary(update, 1, s);
                update.setString(6, rs.getString(1));
                update.setString(7, rs.getString(2));
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
