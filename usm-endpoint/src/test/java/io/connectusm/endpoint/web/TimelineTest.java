package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.store.ConfigDiff;
import io.connectusm.endpoint.store.HistoryEntry;
import io.connectusm.endpoint.store.HistoryKind;

/** Each history row, compared with the one before it, says in words what changed. */
class TimelineTest {

    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    private static HistoryEntry entry(long seq, HistoryKind kind, String state, Map<Integer, String> tasks,
                                      ConfigDiff.Change... diff) {
        return new HistoryEntry(seq, T.plusSeconds(seq), kind, state, "fp", List.of(diff),
                tasks == null ? null : new TreeMap<>(tasks));
    }

    @Test
    void saysWhatChangedInEachRow() {
        List<HistoryEntry> newestFirst = List.of(
                entry(6, HistoryKind.DELETED, null, Map.of(),
                        new ConfigDiff.Change("topic", ConfigDiff.Kind.REMOVED, "b", null)),
                entry(5, HistoryKind.CONFIG_UPDATED, "RUNNING", Map.of(0, "RUNNING"),
                        new ConfigDiff.Change("topic", ConfigDiff.Kind.CHANGED, "a", "b"),
                        new ConfigDiff.Change("batch", ConfigDiff.Kind.ADDED, null, "5"),
                        new ConfigDiff.Change("db.password", ConfigDiff.Kind.CHANGED, "********", "********")),
                entry(4, HistoryKind.TASKS_CHANGED, "RUNNING", Map.of(0, "RUNNING")),
                entry(3, HistoryKind.TASKS_CHANGED, "RUNNING", Map.of(0, "FAILED", 1, "RUNNING")),
                entry(2, HistoryKind.STATE_CHANGED, "PAUSED", Map.of(0, "PAUSED", 1, "PAUSED")),
                entry(1, HistoryKind.CREATED, "RUNNING", Map.of(0, "RUNNING", 1, "RUNNING"),
                        new ConfigDiff.Change("topic", ConfigDiff.Kind.ADDED, null, "a")));

        List<Timeline.Row> rows = Timeline.of(newestFirst, null);

        assertThat(rows).extracting(Timeline.Row::changes).containsExactly(
                List.of("deleted (was RUNNING)"),
                List.of("config: 3 keys (1 added, 2 changed)"),
                List.of("task 0 FAILED → RUNNING", "task 1 removed (was RUNNING)"),
                List.of("state PAUSED → RUNNING", "task 0 PAUSED → FAILED", "task 1 PAUSED → RUNNING"),
                List.of("state RUNNING → PAUSED", "task 0 RUNNING → PAUSED", "task 1 RUNNING → PAUSED"),
                List.of("created in state RUNNING", "2 tasks: 0 RUNNING, 1 RUNNING"));
        assertThat(rows.get(1).diff()).hasSize(3);
        // No entry here was made over REST: each row says what found it instead.
        assertThat(rows).extracting(Timeline.Row::actor).containsExactly(
                "deleted, found by reconcile", "config updated, found by reconcile",
                "task change, found by reconcile", "task change, found by reconcile",
                "paused, found by reconcile", "created, found by reconcile");
    }

    @Test
    void theOldestRowOfAPageIsComparedWithTheEntryBeforeIt() {
        HistoryEntry before = entry(1, HistoryKind.STATE_CHANGED, "PAUSED", Map.of(0, "PAUSED"));
        List<Timeline.Row> rows = Timeline.of(List.of(entry(2, HistoryKind.STATE_CHANGED, "RUNNING",
                Map.of(0, "RUNNING"))), before);

        assertThat(rows.get(0).changes()).containsExactly("state PAUSED → RUNNING", "task 0 PAUSED → RUNNING");
    }

    @Test
    void entriesWithoutRecordedTaskStatesSayOnlyThatTasksChanged() {
        List<Timeline.Row> rows = Timeline.of(List.of(entry(2, HistoryKind.TASKS_CHANGED, "RUNNING", null),
                entry(1, HistoryKind.STATE_CHANGED, "RUNNING", null)), null);

        assertThat(rows.get(0).changes()).containsExactly("tasks changed");
        assertThat(rows.get(1).changes()).containsExactly("state RUNNING");
    }
}
