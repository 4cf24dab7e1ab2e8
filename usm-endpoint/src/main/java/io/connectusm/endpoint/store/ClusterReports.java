package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The {@code connect_cluster_reports} table: when each registration last had a batch of events applied, by the
 * receiving replica's clock. Written at the end of the batch's transaction, in the order of the registrations' IDs
 * (so concurrent batches do not deadlock on these rows), and only when the stored time is more than
 * {@link #GRANULARITY} old: a busy cluster does not turn every batch into a write of one hot row. Stateless.
 */
final class ClusterReports {

    /** Reports closer together than this move the row once. */
    static final Duration GRANULARITY = Duration.ofSeconds(1);

    private ClusterReports() {
    }

    static void touch(Connection c, Dialect dialect, Collection<String> connectClusters, Instant now)
            throws SQLException {
        for (String cc : new TreeSet<>(connectClusters)) {
            int moved;
            try (PreparedStatement ps = c.prepareStatement("UPDATE connect_cluster_reports SET last_report_at = ? "
                    + "WHERE connect_cluster_id = ? AND last_report_at < ?")) {
                ps.setObject(1, Sql.utc(now));
                ps.setString(2, cc);
                ps.setObject(3, Sql.utc(now.minus(GRANULARITY)));
                moved = ps.executeUpdate();
            }
            if (moved == 0) {
                // Absent (first report) or recent enough: an insert that finds the row changes nothing.
                dialect.insertIfAbsent(c, "INSERT INTO connect_cluster_reports (connect_cluster_id, last_report_at) "
                        + "VALUES (?, ?)", ps -> {
                            ps.setString(1, cc);
                            ps.setObject(2, Sql.utc(now));
                        });
            }
        }
    }
}
