package io.connectusm.endpoint.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

import io.connectusm.endpoint.store.ConfigDiff;
import io.connectusm.endpoint.store.HistoryEntry;
import io.connectusm.endpoint.store.HistoryKind;

/**
 * A connector's history as a timeline: each entry compared with the one before it, so a row says what changed
 * in words ("state RUNNING → PAUSED", "task 0 RUNNING → FAILED", "config: 1 key added, 2 changed") above the
 * key-by-key diff, and who made the change when the entry knows. Stateless.
 */
final class Timeline {

    private Timeline() {
    }

    /**
     * One change.
     *
     * @param time    when (the event's time)
     * @param kind    the kind's name (CREATED, CONFIG_UPDATED, …)
     * @param state   the connector's state after it, or {@code null} after a deletion
     * @param changes what changed, one short sentence each
     * @param diff    the config diff (masked values only)
     * @param actor   who made it, or {@code null} when not known
     */
    record Row(Instant time, String kind, String state, List<String> changes, List<ConfigDiff.Change> diff,
               String actor) {

        Row {
            changes = List.copyOf(changes);
            diff = List.copyOf(diff);
        }
    }

    /**
     * The rows of {@code newestFirst}; {@code before} is the entry just older than the last of them ({@code null}
     * when there is none), what the oldest row is compared with.
     */
    static List<Row> of(List<HistoryEntry> newestFirst, HistoryEntry before) {
        List<Row> rows = new ArrayList<>(newestFirst.size());
        for (int i = 0; i < newestFirst.size(); i++) {
            HistoryEntry e = newestFirst.get(i);
            HistoryEntry previous = i + 1 < newestFirst.size() ? newestFirst.get(i + 1) : before;
            rows.add(new Row(e.time(), e.kind().name(), e.state(), changes(e, previous), e.diff(), actorOf(e)));
        }
        return rows;
    }

    /**
     * Who or what made the change, in words ({@link HistoryEntry#describe()}): "paused by alice from 10.1.2.3
     * (curl/8.5)", or "task change, found by reconcile" when no REST call did.
     */
    static String actorOf(HistoryEntry entry) {
        return entry.describe();
    }

    static List<String> changes(HistoryEntry e, HistoryEntry previous) {
        List<String> out = new ArrayList<>();
        if (e.kind() == HistoryKind.DELETED) {
            out.add("deleted" + (previous != null && previous.state() != null ? " (was " + previous.state() + ")"
                    : ""));
            return out;
        }
        boolean created = e.kind() == HistoryKind.CREATED || previous == null
                || previous.kind() == HistoryKind.DELETED;
        if (e.kind() == HistoryKind.CREATED) {
            out.add("created in state " + e.state());
        } else if (previous == null || previous.kind() == HistoryKind.DELETED) {
            out.add("state " + e.state());
        } else if (!Objects.equals(previous.state(), e.state())) {
            out.add("state " + previous.state() + " → " + e.state());
        }
        out.addAll(tasks(created ? null : previous.taskStates(), e.taskStates(), created, e.kind()));
        if (!e.diff().isEmpty() && e.kind() != HistoryKind.CREATED) {
            out.add(configSummary(e.diff()));
        }
        if (out.isEmpty() && e.kind() == HistoryKind.STATE_CHANGED) {
            out.add("worker or trace changed");
        }
        return out;
    }

    private static List<String> tasks(SortedMap<Integer, String> before, SortedMap<Integer, String> after,
                                      boolean created, HistoryKind kind) {
        List<String> out = new ArrayList<>();
        if (after == null) {
            if (kind == HistoryKind.TASKS_CHANGED) {
                out.add("tasks changed");
            }
            return out;
        }
        if (created || before == null) {
            if (!after.isEmpty()) {
                out.add(Html.count(after.size(), "task", "tasks") + ": " + describe(after));
            } else if (kind == HistoryKind.TASKS_CHANGED) {
                out.add("tasks changed");
            }
            return out;
        }
        TreeSet<Integer> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (int id : ids) {
            String was = before.get(id);
            String now = after.get(id);
            if (was == null) {
                out.add("task " + id + " added, " + now);
            } else if (now == null) {
                out.add("task " + id + " removed (was " + was + ")");
            } else if (!was.equals(now)) {
                out.add("task " + id + " " + was + " → " + now);
            }
        }
        if (out.isEmpty() && kind == HistoryKind.TASKS_CHANGED) {
            out.add("tasks moved between workers or their traces changed");
        }
        return out;
    }

    /** "0 RUNNING, 1 FAILED". */
    private static String describe(SortedMap<Integer, String> states) {
        List<String> parts = new ArrayList<>();
        states.forEach((id, state) -> parts.add(id + " " + state));
        return String.join(", ", parts);
    }

    /** "config: 1 key added, 1 removed, 2 changed". */
    private static String configSummary(List<ConfigDiff.Change> diff) {
        long added = diff.stream().filter(c -> c.kind() == ConfigDiff.Kind.ADDED).count();
        long removed = diff.stream().filter(c -> c.kind() == ConfigDiff.Kind.REMOVED).count();
        long changed = diff.stream().filter(c -> c.kind() == ConfigDiff.Kind.CHANGED).count();
        List<String> parts = new ArrayList<>();
        if (added > 0) {
            parts.add(added + " added");
        }
        if (removed > 0) {
            parts.add(removed + " removed");
        }
        if (changed > 0) {
            parts.add(changed + " changed");
        }
        return "config: " + Html.count(diff.size(), "key", "keys") + " (" + String.join(", ", parts) + ")";
    }
}
