package io.connectusm.endpoint.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.TaskSnapshot;

/**
 * Who is authoritative for which fact of a connector when its workers report it differently. Every worker of a
 * Connect cluster reports every connector, each from its own view of the status topic, and those views can differ
 * for minutes (a restarted worker that lacks a task another worker runs). Newest-wins over whole snapshots would
 * then flip the stored state with every worker's resync. Instead each fact has an authority:
 * <ul>
 *   <li>a task's state (state, worker, trace) is authoritative from the worker the task runs on: a report in which
 *       a worker says it runs the task (in any state but {@code UNASSIGNED}), or any report about a task that was
 *       stored as running on the reporting worker (the owner letting go of it, or the task ending), wins;</li>
 *   <li>the connector's own state likewise, from the worker running the connector;</li>
 *   <li>a <em>periodic</em> report (a {@code RESYNC}, or the {@code CREATED} view of a worker that just started) by
 *       any other worker that contradicts a fact its authority reported within the last {@link #LEASE} is
 *       overruled: the fact stays, and the reporter is recorded as disagreeing (since when, with whom) until a
 *       report of it agrees again. Past the lease (the authority stopped reporting: its worker is gone) the newest
 *       report wins again, as it does for facts no authority reported;</li>
 *   <li>a report of a change the other worker observed ({@code STATE_CHANGED}, {@code TASKS_CHANGED}) is taken: it
 *       is newer than what that worker saw before, and the authority's own report of the same state may never
 *       arrive in time (agents before per-worker deduplication forwarded a state once per connector, whichever worker
 *       sent it first);</li>
 *   <li>a changed config restarts the connector and its tasks: the snapshot that brings it is taken whole.</li>
 * </ul>
 * Pure and stateless: {@link SnapshotApplier} calls it with the stored row and the arriving snapshot.
 */
final class FactAuthority {

    /**
     * How long an authority's report outweighs other workers' contrary reports without being renewed: two of the
     * worker extension's default resync intervals (5 minutes) and one more minute, so one lost resync does not
     * end it.
     */
    static final Duration LEASE = Duration.ofMinutes(11);

    private static final String UNASSIGNED = ConnectorState.UNASSIGNED.name();

    private FactAuthority() {
    }

    /** The merged view of one connector: its own state, its tasks, and the merge state behind them. */
    record Merged(String state, String workerId, String trace, List<TaskSnapshot> tasks, MergeState merge) {
    }

    /** One fact as compared: a state, the worker it is on, a trace. */
    private record Fact(String state, String worker, String trace) {

        static Fact of(TaskSnapshot t) {
            return t == null ? null : new Fact(t.state().name(), t.workerId(), t.trace());
        }
    }

    /** What one fact becomes: the fact kept (or {@code null}: none), its report, and whom the reporter contradicted. */
    private record Decision(Fact fact, MergeState.Report report, String overruledBy) {
    }

    /**
     * Merges {@code s}, reported by {@code reporter} at {@code at}, into {@code before} (the stored live state and
     * its merge state). {@code fresh}: a new incarnation or a changed config, taken whole.
     */
    static Merged merge(StoredConnector before, MergeState state, String reporter, Instant at, ConnectorSnapshot s,
                        boolean fresh) {
        boolean periodic = s.cause() == ChangeCause.RESYNC || s.cause() == ChangeCause.CREATED;
        if (fresh) {
            SortedMap<Integer, MergeState.Report> reports = new TreeMap<>();
            s.tasks().forEach(t -> reports.put(t.id(), new MergeState.Report(reporter, at)));
            MergeState merge = new MergeState(new MergeState.Report(reporter, at), reports, new TreeMap<>(),
                    state.fingerprints(), state.causal(), reporter, new TreeSet<>());
            return new Merged(s.state().name(), s.workerId(), s.trace(), s.tasks(), merge);
        }
        SortedSet<String> against = new TreeSet<>();
        Decision own = decide(new Fact(before.state(), before.workerId(), before.trace()), state.connector(),
                new Fact(s.state().name(), s.workerId(), s.trace()), reporter, at, periodic);
        note(own, against);

        Map<Integer, TaskSnapshot> stored = byId(before.tasks());
        Map<Integer, TaskSnapshot> reported = byId(s.tasks());
        SortedSet<Integer> ids = new TreeSet<>(stored.keySet());
        ids.addAll(reported.keySet());
        List<TaskSnapshot> tasks = new ArrayList<>();
        SortedMap<Integer, MergeState.Report> reports = new TreeMap<>();
        for (int id : ids) {
            Decision d = decide(Fact.of(stored.get(id)), state.tasks().get(id), Fact.of(reported.get(id)), reporter,
                    at, periodic);
            note(d, against);
            if (d.fact() != null) {
                tasks.add(new TaskSnapshot(id, ConnectorState.valueOf(d.fact().state()), d.fact().worker(),
                        d.fact().trace()));
                if (d.report() != null) {
                    reports.put(id, d.report());
                }
            }
        }
        SortedMap<String, MergeState.Dissent> dissent = new TreeMap<>(state.dissent());
        if (against.isEmpty()) {
            dissent.remove(reporter);
        } else {
            MergeState.Dissent already = dissent.get(reporter);
            dissent.put(reporter, new MergeState.Dissent(already == null ? at : already.since(), against));
        }
        MergeState merge = new MergeState(own.report(), reports, dissent, state.fingerprints(), state.causal(),
                reporter, state.deletedBy());
        return new Merged(own.fact().state(), own.fact().worker(), own.fact().trace(), tasks, merge);
    }

    /**
     * One fact: {@code stored} with its report {@code storedBy} against {@code reported} (either {@code null}:
     * absent) from {@code reporter} at {@code at}; {@code periodic}: a resync or a starting worker's first view,
     * not an observed change.
     */
    private static Decision decide(Fact stored, MergeState.Report storedBy, Fact reported, String reporter,
                                   Instant at, boolean periodic) {
        MergeState.Report now = reported == null ? null : new MergeState.Report(reporter, at);
        boolean claims = reported != null && reporter.equals(reported.worker()) && !UNASSIGNED.equals(reported.state());
        boolean letsGo = stored != null && reporter.equals(stored.worker());
        if (Objects.equals(stored, reported)) {
            // Agreement. The authority's report renews its lease; anyone else's leaves the report as it was.
            return new Decision(stored, claims || letsGo || storedBy == null ? now : storedBy, null);
        }
        if (claims || letsGo) {
            return new Decision(reported, now, null);
        }
        boolean held = periodic && stored != null && storedBy != null && storedBy.by().equals(stored.worker())
                && storedBy.at().plus(LEASE).isAfter(at);
        if (held) {
            return new Decision(stored, storedBy, storedBy.by());
        }
        return new Decision(reported, now, null);
    }

    private static void note(Decision d, SortedSet<String> against) {
        if (d.overruledBy() != null) {
            against.add(d.overruledBy());
        }
    }

    private static Map<Integer, TaskSnapshot> byId(List<TaskSnapshot> tasks) {
        Map<Integer, TaskSnapshot> out = new TreeMap<>();
        tasks.forEach(t -> out.put(t.id(), t));
        return out;
    }
}
