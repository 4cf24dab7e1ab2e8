package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the endpoint remembers about how one connector's stored state was merged from its workers' reports, beyond
 * the state itself (the {@code merge_json} column): who reported each fact and when, which workers' views were
 * overruled, the config fingerprints this incarnation of the connector had, and what a deletion must be causally
 * after. The rules that read and write it are {@link FactAuthority}'s and {@link SnapshotApplier}'s. Immutable.
 *
 * @param connector    the report the connector's own state (state, worker, trace) came from, or {@code null}
 * @param tasks        per task ID, the report its stored state came from
 * @param dissent      per worker whose latest report was overruled, since when and against whom
 * @param fingerprints the config fingerprints this incarnation had (kept by a tombstone: a snapshot with one of
 *                     them and no new {@code CREATED} is the deleted connector, not a new one); oldest first, at
 *                     most {@link #MAX_FINGERPRINTS}, the newest
 * @param causal       the stamp of the last real change or {@code CREATED} report, or {@code null} when unknown
 *                     (rows written before this column): a deletion older than it is older than the connector
 * @param stampedBy    the worker whose event last moved the row's stamp, or {@code null} when unknown
 * @param deletedBy    of a tombstone, the workers that reported the deletion: their {@code CREATED} is causally
 *                     after it
 */
record MergeState(Report connector, Map<Integer, Report> tasks, Map<String, Dissent> dissent,
                  List<String> fingerprints, EventStamp causal, String stampedBy, Set<String> deletedBy) {

    /** How many config fingerprints of one incarnation are remembered. */
    static final int MAX_FINGERPRINTS = 32;

    /** Nothing known: a row written before merge state was kept, or a connector never seen. */
    static final MergeState NONE = new MergeState(null, new TreeMap<>(), new TreeMap<>(), List.of(), null, null,
            new TreeSet<>());

    /**
     * One worker's report of one fact.
     *
     * @param by the reporting worker
     * @param at the report's event time
     */
    record Report(String by, Instant at) {
    }

    /**
     * A worker whose view is overruled.
     *
     * @param since   the time of its first overruled report in a row
     * @param against the workers whose authoritative facts it contradicts
     */
    record Dissent(Instant since, SortedSet<String> against) {
        Dissent {
            against = Collections.unmodifiableSortedSet(new TreeSet<>(against));
        }
    }

    MergeState {
        tasks = Collections.unmodifiableSortedMap(new TreeMap<>(tasks));
        dissent = Collections.unmodifiableSortedMap(new TreeMap<>(dissent));
        fingerprints = List.copyOf(fingerprints);
        deletedBy = Collections.unmodifiableSortedSet(new TreeSet<>(deletedBy));
    }

    /** The disagreement this state records, or {@code null} when every worker's latest report agrees. */
    Disagreement disagreement() {
        if (dissent.isEmpty()) {
            return null;
        }
        Instant since = null;
        SortedSet<String> workers = new TreeSet<>();
        for (Map.Entry<String, Dissent> e : dissent.entrySet()) {
            workers.add(e.getKey());
            workers.addAll(e.getValue().against());
            since = since == null || e.getValue().since().isBefore(since) ? e.getValue().since() : since;
        }
        return new Disagreement(since, workers);
    }

    /** A tombstone's state: only what tells a later snapshot whether it is the deleted connector or a new one. */
    MergeState tombstone(String deleter, EventStamp stamp, boolean keepDeleters) {
        Set<String> deleters = keepDeleters ? new TreeSet<>(deletedBy) : new TreeSet<>();
        deleters.add(deleter);
        return new MergeState(null, new TreeMap<>(), new TreeMap<>(), fingerprints, stamp, deleter, deleters);
    }

    /**
     * The fingerprints, oldest first, with {@code fingerprint} last (the oldest dropped past
     * {@link #MAX_FINGERPRINTS}); {@code fresh}: of a new incarnation, so only {@code fingerprint}.
     */
    static List<String> with(List<String> fingerprints, String fingerprint, boolean fresh) {
        List<String> out = new ArrayList<>(fresh ? List.of() : fingerprints);
        out.remove(fingerprint);
        out.add(fingerprint);
        return out.size() > MAX_FINGERPRINTS ? out.subList(out.size() - MAX_FINGERPRINTS, out.size()) : out;
    }
}
