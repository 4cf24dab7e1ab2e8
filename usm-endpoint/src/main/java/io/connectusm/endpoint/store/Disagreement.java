package io.connectusm.endpoint.store;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Workers of one Connect cluster that keep reporting a connector differently: some worker's view of a task (or of
 * the connector itself) contradicts the report of the worker that runs it, which is authoritative for it. The
 * stored state keeps the authority's facts; this says since when the others disagree and who is involved, so a
 * reader sees the inconsistency instead of a connector that flips with every resync. Immutable.
 *
 * @param since   the time of the first overruled report of the disagreement still going on
 * @param workers the workers involved: those overruled and the authorities they contradict, sorted
 */
public record Disagreement(Instant since, SortedSet<String> workers) {

    public Disagreement {
        workers = Collections.unmodifiableSortedSet(new TreeSet<>(workers));
    }
}
