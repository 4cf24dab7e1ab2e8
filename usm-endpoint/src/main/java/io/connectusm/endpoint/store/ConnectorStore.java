package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.WorkerPlugins;

/**
 * Latest connector state per registered Connect cluster, plus a history row per real change: where an accepted
 * event becomes rows. The policy (newest wins, which worker is authoritative for which fact, change kinds,
 * tombstones) is {@link SnapshotApplier}'s and {@link FactAuthority}'s; this class
 * runs it over the rows ({@link ConnectorRows}, {@link HistoryRows}, {@link WorkerPluginStore}) and serves reads.
 *
 * <p>Newest-wins holds in the database, not in this process: every write is conditional on the row still being
 * what the decision was made on ({@link ConnectorRows#save}), and a write that lost to a concurrent one (another
 * thread, another replica on the same PostgreSQL) is decided again on the row as it now is. So batches apply
 * concurrently, here and on other replicas, and none loses an update. Thread-safe. Each batch is one transaction.
 */
public final class ConnectorStore {

    private final Database database;
    private final Hooks hooks;

    public ConnectorStore(Database database) {
        this(database, Hooks.none(database));
    }

    public ConnectorStore(Database database, Hooks hooks) {
        this.database = database;
        this.hooks = hooks;
    }

    /**
     * What else an applied batch feeds, beyond connector rows and history: the webhook outbox (in the batch's
     * transaction) and a listener told each committed batch's result (the metrics). (When a cluster last reported
     * is ingest's to record, in {@link ClusterReportStore}, with the agent key it came through.)
     */
    public record Hooks(WebhookOutbox outbox, Consumer<ApplyResult> applied) {

        /** No webhooks, no listener. */
        public static Hooks none(Database database) {
            return new Hooks(WebhookOutbox.none(database), result -> { });
        }
    }

    /** What a batch did: how many events changed something and how many were duplicates or stale. */
    public record ApplyResult(int applied, int ignored) {
    }

    /**
     * Applies the events of each registration (by {@code usmcc-} ID) in one transaction. Between two inventories,
     * events are applied in the order of their connectors' names (each connector's own events in arrival order), so
     * concurrent batches lock rows in one order and do not deadlock; events of different connectors are
     * independent, so the order among them changes nothing.
     */
    public ApplyResult apply(Map<String, List<MetadataEvent>> eventsByConnectCluster) {
        Dialect dialect = database.dialect();
        ApplyResult result = database.inWriteTransaction(c -> {
            int applied = 0;
            int ignored = 0;
            for (Map.Entry<String, List<MetadataEvent>> entry : eventsByConnectCluster.entrySet()) {
                for (MetadataEvent event : inLockOrder(entry.getValue())) {
                    if (applyOne(c, dialect, hooks.outbox(), entry.getKey(), event)) {
                        applied++;
                    } else {
                        ignored++;
                    }
                }
            }
            return new ApplyResult(applied, ignored);
        });
        hooks.applied().accept(result);
        return result;
    }

    /** The events with each run between inventories stably sorted by connector name. */
    static List<MetadataEvent> inLockOrder(List<MetadataEvent> events) {
        List<MetadataEvent> out = new ArrayList<>(events.size());
        List<MetadataEvent> run = new ArrayList<>();
        for (MetadataEvent event : events) {
            if (event.payload() instanceof ClusterInventory) {
                run.sort(BY_CONNECTOR);
                out.addAll(run);
                run.clear();
                out.add(event);
            } else {
                run.add(event);
            }
        }
        run.sort(BY_CONNECTOR);
        out.addAll(run);
        return out;
    }

    private static final Comparator<MetadataEvent> BY_CONNECTOR = Comparator.comparing(
            (MetadataEvent e) -> e.subject() == null ? "" : e.subject());

    private static boolean applyOne(Connection c, Dialect dialect, WebhookOutbox outbox, String cc,
                                    MetadataEvent event) throws SQLException {
        if (event.payload() instanceof ConnectorSnapshot s) {
            boolean applied = decideAndSave(c, dialect, outbox, cc, s.name(), s.topics(),
                    row -> SnapshotApplier.snapshot(row, event, s));
            enrichActors(c, cc, s.name(), ActorEnrichment.Report.of(event, s));
            return applied;
        } else if (event.payload() instanceof ConnectorDeleted d) {
            boolean applied = decideAndSave(c, dialect, outbox, cc, d.name(), null,
                    row -> SnapshotApplier.deleted(row, event, d.name(), d.actor()));
            enrichActors(c, cc, d.name(), ActorEnrichment.Report.of(event, d));
            return applied;
        } else if (event.payload() instanceof ClusterInventory inventory) {
            boolean changed = false;
            for (ConnectorRow live : ConnectorRows.live(c, cc)) {
                // Rows only move forward: one this inventory leaves alone now, it leaves alone when read again.
                if (!SnapshotApplier.inventory(List.of(live), event, inventory).isEmpty()) {
                    changed |= decideAndSave(c, dialect, outbox, cc, live.name(), null, row -> row == null || row.deleted()
                            ? new SnapshotApplier.Ignore()
                            : SnapshotApplier.inventory(List.of(row), event, inventory).stream().findFirst()
                                    .orElse(new SnapshotApplier.Ignore()));
                }
            }
            return changed;
        } else if (event.payload() instanceof WorkerPlugins plugins) {
            return WorkerPluginStore.apply(c, dialect, cc, event, plugins);
        }
        return false;
    }

    /**
     * Gives the entries of the change {@code report} is about its fuller actor ({@link ActorEnrichment}): whichever of
     * two reports of a forwarded REST call arrives first, the history keeps the one with the caller's address.
     */
    private static void enrichActors(Connection c, String cc, String name, ActorEnrichment.Report report)
            throws SQLException {
        if (report.actor() == null) {
            return; // the common case: no query
        }
        List<HistoryEntry> recent = HistoryRows.recent(c, cc, name,
                report.time().minus(ActorEnrichment.SAME_CALL_WINDOW), ActorEnrichment.RECENT_ENTRIES);
        for (ActorEnrichment.Update update : ActorEnrichment.of(recent, report)) {
            HistoryRows.updateActor(c, update.sequence(), update.actor());
        }
    }

    /**
     * Reads the connector's row, decides, writes; again on the row as it now is while a concurrent write wins. Then
     * its active topics follow the outcome ({@link ConnectorTopicRows}; {@code topics} are the snapshot's, or
     * {@code null}).
     */
    private static boolean decideAndSave(Connection c, Dialect dialect, WebhookOutbox outbox, String cc, String name,
                                         List<String> topics, Decider decider) throws SQLException {
        return Races.untilWon("connector " + name + " of " + cc, () -> {
            ConnectorRow row = ConnectorRows.load(c, cc, name);
            SnapshotApplier.Outcome outcome = decider.decide(row);
            if (!ConnectorRows.save(c, dialect, cc, row, outcome)) {
                return null;
            }
            ConnectorTopicRows.follow(c, cc, name, topics, outcome);
            // Only the write that won queues its transitions: once per transition, whatever raced it.
            outbox.enqueue(c, dialect, Transitions.of(cc, row, outcome));
            return outcome.applied();
        });
    }

    /** What to do with one connector given its row as just read ({@code null}: none). */
    @FunctionalInterface
    private interface Decider {
        SnapshotApplier.Outcome decide(ConnectorRow row);
    }

    /** The live connectors of a Connect cluster, by name, with their full state (the console's cluster page). */
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

    /**
     * One page of a cluster's live connectors as summaries: those {@code query} admits, in its order, after the
     * page key {@code after} ({@code ""} for the first page).
     *
     * @throws IllegalArgumentException when {@code after} is no page key of the query's sort
     */
    public Page<ConnectorSummary> page(String cc, ConnectorQuery query, String after, int size) {
        return database.inTransaction(c -> ConnectorPages.page(c, cc, query, after, size));
    }

    /**
     * Live connector counts per registered Connect cluster, by environment then cluster ID, counted in SQL: of
     * {@code environment} only unless it is {@code null}. Clusters without live connectors are absent.
     */
    public Map<String, Map<String, ConnectorCounts>> counts(String environment) {
        return database.inTransaction(c -> ConnectorCountRows.count(c, environment, null));
    }

    /** The live connector counts of one Connect cluster, counted in SQL. */
    public ConnectorCounts counts(String environment, String cc) {
        return database.inTransaction(c -> ConnectorCountRows.count(c, environment, cc)).values().stream()
                .flatMap(m -> m.values().stream()).findFirst().orElse(ConnectorCounts.NONE);
    }

    public Optional<StoredConnector> get(String cc, String name) {
        return database.inTransaction(c -> {
            ConnectorRow row = ConnectorRows.load(c, cc, name);
            return row == null || row.deleted() ? Optional.empty() : Optional.of(row.connector());
        });
    }

    /** The history of a connector (also of a deleted one), newest first (by event time, then as written). */
    public List<HistoryEntry> history(String cc, String name) {
        return database.inTransaction(c -> HistoryRows.list(c, cc, name, Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    /**
     * One page of a connector's history, newest first (by event time, then as written): the entries after the one
     * whose {@link HistoryEntry#sequence()} is {@code before} ({@link Long#MAX_VALUE} for the first page); the
     * page's key is the next {@code before}.
     */
    public Page<HistoryEntry> historyPage(String cc, String name, long before, int size) {
        return database.inTransaction(c -> HistoryRows.page(c, cc, name, before, size));
    }

    /**
     * Deletes every stored history entry of one connector (an admin's purge, e.g. of values that should never
     * have been sent); the connector's current state, or its tombstone, stays. How many entries went.
     */
    public int purgeHistory(String cc, String name) {
        return database.inTransaction(c -> HistoryRows.deleteAll(c, cc, name));
    }

    /**
     * A live connector's active topics, sorted; empty when unknown (no snapshot carried them since it was created, or
     * it is not live). An empty list: known, none.
     */
    public Optional<List<String>> topics(String cc, String name) {
        return database.inTransaction(c -> ConnectorTopicRows.of(c, cc, name));
    }

    /**
     * One page of the live connectors of USM Kafka cluster {@code kafkaId} (over all its Connect clusters) that use
     * {@code topic}, by Connect cluster ID then name, after the page key {@code after} ({@code ""}: the first page).
     *
     * @throws IllegalArgumentException when {@code after} is no page key of this list
     */
    public Page<TopicUser> topicUsers(String kafkaId, String topic, String after, int size) {
        return database.inTransaction(c -> ConnectorTopicRows.users(c, kafkaId, topic, after, size));
    }

    /** Whether the store knows this connector at all (live or deleted), for a 404 on history. */
    public boolean known(String cc, String name) {
        return database.inTransaction(c -> ConnectorRows.load(c, cc, name) != null);
    }
}
