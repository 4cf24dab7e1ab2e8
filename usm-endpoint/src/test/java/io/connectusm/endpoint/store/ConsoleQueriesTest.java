package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static io.connectusm.endpoint.TestEvents.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.TestEvents;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;

/**
 * What the console reads besides lists, on H2 and on PostgreSQL: connector counts by SQL aggregate that count a
 * RUNNING connector with a FAILED task as failing, per cluster and environment; when each cluster was last heard
 * from and through which agent keys (times only move forward); and the task states each history row keeps.
 */
@EachDatabase
class ConsoleQueriesTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final TestDatabase databases = new TestDatabase();

    Database database;
    Stores stores;
    String east;
    String west;
    String other;

    @BeforeEach
    void open() throws Exception {
        database = databases.open();
        stores = Stores.over(database, new IdGenerator());
        stores.registrations().createKafkaCluster("env-a", "kafka-1", "k", Cloud.AWS, "us-east-1");
        stores.registrations().createKafkaCluster("env-b", "kafka-2", "k", Cloud.AWS, "us-east-1");
        east = stores.registrations().createConnectCluster("env-a", "east", "kafka-1", null, null, null).id();
        west = stores.registrations().createConnectCluster("env-a", "west", "kafka-1", null, null, null).id();
        other = stores.registrations().createConnectCluster("env-b", "other", "kafka-2", null, null, null).id();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void connector(String cc, ClusterRef ref, String name, ConnectorState state, ConnectorState... tasks) {
        List<io.connectusm.events.TaskSnapshot> list = new java.util.ArrayList<>();
        for (int i = 0; i < tasks.length; i++) {
            list.add(task(i, tasks[i]));
        }
        stores.connectors().apply(Map.of(cc, List.of(snapshot(ref, name, T0, 0, state, list, Map.of("t", name)))));
    }

    @Test
    void countsConnectorsWithFailedTasksAsFailingAtEveryLevel() {
        ClusterRef e = new ClusterRef("kafka-1", "east");
        connector(east, e, "ok-1", ConnectorState.RUNNING, ConnectorState.RUNNING);
        connector(east, e, "ok-2", ConnectorState.RUNNING);
        connector(east, e, "task-broken", ConnectorState.RUNNING, ConnectorState.FAILED, ConnectorState.RUNNING,
                ConnectorState.FAILED);
        connector(east, e, "broken", ConnectorState.FAILED);
        connector(east, e, "both", ConnectorState.FAILED, ConnectorState.FAILED);
        connector(east, e, "paused", ConnectorState.PAUSED, ConnectorState.PAUSED);
        connector(east, e, "gone", ConnectorState.RUNNING);
        stores.connectors().apply(Map.of(east, List.of(TestEvents.deleted(e, "gone", T0.plusSeconds(1), 1))));
        connector(west, new ClusterRef("kafka-1", "west"), "w", ConnectorState.STOPPED);
        connector(other, new ClusterRef("kafka-2", "other"), "o", ConnectorState.RUNNING, ConnectorState.FAILED);

        ConnectorCounts eastCounts = stores.connectors().counts("env-a", east);

        assertThat(eastCounts.total()).isEqualTo(6); // the deleted one is not counted
        assertThat(eastCounts.byState()).containsExactly(Map.entry("FAILED", 2L), Map.entry("PAUSED", 1L),
                Map.entry("RUNNING", 3L));
        assertThat(eastCounts.failing()).isEqualTo(3); // task-broken, broken, both
        assertThat(eastCounts.withFailedTasks()).isEqualTo(2); // task-broken, both
        assertThat(eastCounts.failedTasks()).isEqualTo(3);

        Map<String, Map<String, ConnectorCounts>> all = stores.connectors().counts(null);
        assertThat(all.keySet()).containsExactly("env-a", "env-b");
        assertThat(all.get("env-a")).containsOnlyKeys(east, west);
        assertThat(all.get("env-a").get(east)).isEqualTo(eastCounts);
        assertThat(all.get("env-b").get(other)).satisfies(c -> {
            assertThat(c.total()).isEqualTo(1);
            assertThat(c.inState("RUNNING")).isEqualTo(1);
            assertThat(c.failing()).isEqualTo(1);
            assertThat(c.withFailedTasks()).isEqualTo(1);
        });
        assertThat(stores.connectors().counts("env-b")).containsOnlyKeys("env-b");
        assertThat(stores.connectors().counts("env-a", other)).isEqualTo(ConnectorCounts.NONE); // wrong environment
        ConnectorCounts envA = all.get("env-a").values().stream().reduce(ConnectorCounts.NONE, ConnectorCounts::plus);
        assertThat(envA.total()).isEqualTo(7);
        assertThat(envA.inState("STOPPED")).isEqualTo(1);
        assertThat(envA.failing()).isEqualTo(3);
    }

    @Test
    void remembersWhenEachClusterWasLastHeardFromPerAgentKeyAndOnlyMovesForward() {
        ClusterReportStore reports = stores.reports();
        Instant received = Instant.parse("2026-11-20T12:00:00Z");

        reports.heard(Map.of(east, T0, west, T0.plusSeconds(5)), "agent-key-1", received);
        reports.heard(Map.of(east, T0.minusSeconds(60)), "agent-key-1", received.minusSeconds(30)); // late, older
        reports.heard(Map.of(east, T0.plusSeconds(1)), "agent-key-2", received.plusSeconds(10));

        Map<String, List<ClusterReport>> envA = reports.reports("env-a");
        assertThat(envA.get(east)).containsExactly(
                new ClusterReport(east, "agent-key-2", T0.plusSeconds(1), received.plusSeconds(10)),
                new ClusterReport(east, "agent-key-1", T0, received));
        assertThat(envA.get(west)).containsExactly(new ClusterReport(west, "agent-key-1", T0.plusSeconds(5),
                received));
        assertThat(reports.reports("env-b")).isEmpty();
        assertThat(reports.reports(null)).containsOnlyKeys(east, west);

        stores.registrations().deleteConnectCluster(west);
        assertThat(reports.reports(null)).containsOnlyKeys(east);
    }

    @Test
    void historyRowsKeepTheirTasksStates() {
        ClusterRef e = new ClusterRef("kafka-1", "east");
        stores.connectors().apply(Map.of(east, List.of(
                snapshot(e, "c", T0, 0, ConnectorState.RUNNING, List.of(task(0, ConnectorState.RUNNING),
                        task(1, ConnectorState.RUNNING)), Map.of("t", "a")),
                snapshot(e, "c", T0.plusSeconds(1), 1, ConnectorState.RUNNING, List.of(task(0,
                        ConnectorState.FAILED), task(1, ConnectorState.RUNNING)), Map.of("t", "a")),
                TestEvents.deleted(e, "c", T0.plusSeconds(2), 2))));

        List<HistoryEntry> history = stores.connectors().history(east, "c");

        assertThat(history).extracting(HistoryEntry::kind).containsExactly(HistoryKind.DELETED,
                HistoryKind.TASKS_CHANGED, HistoryKind.CREATED);
        assertThat(history.get(0).taskStates()).isEmpty();
        assertThat(history.get(1).taskStates()).containsExactly(Map.entry(0, "FAILED"), Map.entry(1, "RUNNING"));
        assertThat(history.get(2).taskStates()).containsExactly(Map.entry(0, "RUNNING"), Map.entry(1, "RUNNING"));
        assertThat(TaskStates.decode(TaskStates.encode(List.of()))).isEmpty();
        assertThat(Set.of(TaskStates.encode(List.of(task(3, ConnectorState.UNASSIGNED))))).containsExactly(
                "3=UNASSIGNED");
    }
}
