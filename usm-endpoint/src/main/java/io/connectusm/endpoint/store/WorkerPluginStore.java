package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.connectusm.events.MetadataEvent;
import io.connectusm.events.WorkerPlugins;

/**
 * The latest {@code io.connectusm.worker.plugins} report per (registered Connect cluster, worker). A report
 * replaces the stored one only when it is newer ({@link EventStamp}), so duplicates and late arrivals are
 * no-ops. Rows go with the cluster's registration (ON DELETE CASCADE). Thread-safe: writes happen inside
 * {@link ConnectorStore}'s batch transaction; reads run concurrently.
 */
public final class WorkerPluginStore {

    private static final String KEY = "connect_cluster_id = ? AND worker_id = ?";

    private final Database database;

    public WorkerPluginStore(Database database) {
        this.database = database;
    }

    /**
     * Stores {@code plugins} for its worker when newer than what is stored; whether anything changed. Like the
     * connector rows, the write is conditional on the row read (its stamp, or its absence), and decided again when
     * a concurrent report (another replica) got there first.
     */
    static boolean apply(Connection c, Dialect dialect, String cc, MetadataEvent event, WorkerPlugins plugins)
            throws SQLException {
        EventStamp stamp = EventStamp.of(event);
        return Races.untilWon("plugins of worker " + plugins.workerId() + " of " + cc, () -> {
            EventStamp stored = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT event_time, event_epoch, event_sequence "
                    + "FROM worker_plugins WHERE " + KEY)) {
                ps.setString(1, cc);
                ps.setString(2, plugins.workerId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored = Sql.stamp(rs, 1);
                    }
                }
            }
            if (stored != null && !stamp.isNewerThan(stored)) {
                return false;
            }
            boolean written = stored == null ? dialect.insertIfAbsent(c, "INSERT INTO worker_plugins (kafka_version, "
                    + "plugins_json, event_time, event_epoch, event_sequence, connect_cluster_id, worker_id) "
                    + "VALUES (?,?,?,?,?,?,?)", ps -> bindReport(ps, cc, stamp, plugins))
                    : replace(c, cc, stored, stamp, plugins);
            return written ? Boolean.TRUE : null;
        });
    }

    private static boolean replace(Connection c, String cc, EventStamp stored, EventStamp stamp, WorkerPlugins plugins)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE worker_plugins SET kafka_version = ?, plugins_json = ?, "
                + "event_time = ?, event_epoch = ?, event_sequence = ? WHERE " + KEY + " AND event_time = ? "
                + "AND event_epoch = ? AND event_sequence = ?")) {
            bindReport(ps, cc, stamp, plugins);
            Sql.bindStamp(ps, 8, stored);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bindReport(PreparedStatement ps, String cc, EventStamp stamp, WorkerPlugins plugins)
            throws SQLException {
        ps.setString(1, plugins.kafkaVersion());
        ps.setString(2, JsonColumns.plugins(plugins.plugins()));
        Sql.bindStamp(ps, 3, stamp);
        ps.setString(6, cc);
        ps.setString(7, plugins.workerId());
    }

    /** Every worker's latest list for a Connect cluster, by worker ID. */
    public List<WorkerPluginList> list(String cc) {
        return database.inTransaction(c -> read(c, cc, "", Integer.MAX_VALUE));
    }

    /** One page of them, by worker ID, after worker {@code afterWorkerId} ({@code ""} for the first page). */
    public Page<WorkerPluginList> page(String cc, String afterWorkerId, int size) {
        return database.inTransaction(c -> {
            int total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM worker_plugins "
                    + "WHERE connect_cluster_id = ?")) {
                ps.setString(1, cc);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            return Page.of(read(c, cc, afterWorkerId, size + 1), size, total, WorkerPluginList::workerId);
        });
    }

    private static List<WorkerPluginList> read(Connection c, String cc, String afterWorkerId, int limit)
            throws SQLException {
        List<WorkerPluginList> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT worker_id, kafka_version, plugins_json, event_time "
                + "FROM worker_plugins WHERE connect_cluster_id = ? AND worker_id > ? ORDER BY worker_id LIMIT ?")) {
            ps.setString(1, cc);
            ps.setString(2, afterWorkerId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WorkerPluginList(rs.getString(1), rs.getString(2),
                            JsonColumns.plugins(rs.getString(3)), Sql.instant(rs, 4)));
                }
            }
        }
        return out;
    }
}
