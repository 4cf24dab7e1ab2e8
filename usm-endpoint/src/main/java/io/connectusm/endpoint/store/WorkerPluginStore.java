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
 * {@link ConnectorStore}'s serialised batch transaction; reads run concurrently.
 */
public final class WorkerPluginStore {

    private final Database database;

    public WorkerPluginStore(Database database) {
        this.database = database;
    }

    /** Stores {@code plugins} for its worker when newer than what is stored; whether anything changed. */
    static boolean apply(Connection c, String cc, MetadataEvent event, WorkerPlugins plugins) throws SQLException {
        EventStamp stamp = EventStamp.of(event);
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("SELECT event_time, event_epoch, event_sequence "
                + "FROM worker_plugins WHERE connect_cluster_id = ? AND worker_id = ?")) {
            ps.setString(1, cc);
            ps.setString(2, plugins.workerId());
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
                if (exists && !stamp.isNewerThan(Sql.stamp(rs, 1))) {
                    return false;
                }
            }
        }
        String sql = exists
                ? "UPDATE worker_plugins SET kafka_version = ?, plugins_json = ?, event_time = ?, event_epoch = ?, "
                  + "event_sequence = ? WHERE connect_cluster_id = ? AND worker_id = ?"
                : "INSERT INTO worker_plugins (kafka_version, plugins_json, event_time, event_epoch, event_sequence, "
                  + "connect_cluster_id, worker_id) VALUES (?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, plugins.kafkaVersion());
            ps.setString(2, JsonColumns.plugins(plugins.plugins()));
            Sql.bindStamp(ps, 3, stamp);
            ps.setString(6, cc);
            ps.setString(7, plugins.workerId());
            ps.executeUpdate();
        }
        return true;
    }

    /** Every worker's latest list for a Connect cluster, by worker ID. */
    public List<WorkerPluginList> list(String cc) {
        return database.inTransaction(c -> {
            List<WorkerPluginList> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT worker_id, kafka_version, plugins_json, event_time "
                    + "FROM worker_plugins WHERE connect_cluster_id = ? ORDER BY worker_id")) {
                ps.setString(1, cc);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WorkerPluginList(rs.getString(1), rs.getString(2),
                                JsonColumns.plugins(rs.getString(3)), Sql.instant(rs, 4)));
                    }
                }
            }
            return out;
        });
    }
}
