package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.WorkerPlugins;

/**
 * Latest connector state per registered Connect cluster, plus a history row per real change: where an accepted
 * event becomes rows. The policy (newest wins, change kinds, tombstones) is {@link SnapshotApplier}'s; this class
 * runs it over the rows ({@link ConnectorRows}, {@link HistoryRows}, {@link WorkerPluginStore}) and serves reads.
 *
 * <p>Thread-safe: application is serialised ({@code synchronized}) because it reads then writes; reads run
 * concurrently. Each batch is one transaction.
 */
public final class ConnectorStore {

    private final Database database;

    public ConnectorStore(Database database) {
        this.database = database;
    }

    /** What a batch did: how many events changed something and how many were duplicates or stale. */
    public record ApplyResult(int applied, int ignored) {
    }

    /** Applies the events of each registration (by {@code usmcc-} ID) in one transaction. */
    public synchronized ApplyResult apply(Map<String, List<MetadataEvent>> eventsByConnectCluster) {
        return database.inTransaction(c -> {
            int applied = 0;
            int ignored = 0;
            for (Map.Entry<String, List<MetadataEvent>> entry : eventsByConnectCluster.entrySet()) {
                for (MetadataEvent event : entry.getValue()) {
                    if (applyOne(c, entry.getKey(), event)) {
                        applied++;
                    } else {
                        ignored++;
                    }
                }
            }
            return new ApplyResult(applied, ignored);
        });
    }

    private static boolean applyOne(Connection c, String cc, MetadataEvent event) throws SQLException {
        if (event.payload() instanceof ConnectorSnapshot s) {
            return ConnectorRows.save(c, cc, SnapshotApplier.snapshot(ConnectorRows.load(c, cc, s.name()), event, s));
        } else if (event.payload() instanceof ConnectorDeleted d) {
            return ConnectorRows.save(c, cc, SnapshotApplier.deleted(ConnectorRows.load(c, cc, d.name()), event,
                    d.name()));
        } else if (event.payload() instanceof ClusterInventory inventory) {
            boolean changed = false;
            for (SnapshotApplier.Outcome outcome : SnapshotApplier.inventory(ConnectorRows.live(c, cc), event,
                    inventory)) {
                changed |= ConnectorRows.save(c, cc, outcome);
            }
            return changed;
        } else if (event.payload() instanceof WorkerPlugins plugins) {
            return WorkerPluginStore.apply(c, cc, event, plugins);
        }
        return false;
    }

    /** The live connectors of a Connect cluster, by name. */
    public List<StoredConnector> list(String cc) {
        return database.inTransaction(c -> {
            List<StoredConnector> out = new ArrayList<>();
            for (ConnectorRow row : ConnectorRows.live(c, cc)) {
                out.add(row.connector());
            }
            out.sort(Comparator.comparing(StoredConnector::name));
            return out;
        });
    }

    public Optional<StoredConnector> get(String cc, String name) {
        return database.inTransaction(c -> {
            ConnectorRow row = ConnectorRows.load(c, cc, name);
            return row == null || row.deleted() ? Optional.empty() : Optional.of(row.connector());
        });
    }

    /** The history of a connector (also of a deleted one), newest first. */
    public List<HistoryEntry> history(String cc, String name) {
        return database.inTransaction(c -> HistoryRows.list(c, cc, name));
    }

    /** Whether the store knows this connector at all (live or deleted), for a 404 on history. */
    public boolean known(String cc, String name) {
        return database.inTransaction(c -> ConnectorRows.load(c, cc, name) != null);
    }
}
