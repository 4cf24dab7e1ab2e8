package io.connectusm.extension;

import io.connectusm.events.ChangeActor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hand-off of "who changed this connector" from the REST filter (worker REST threads) to the observer thread
 * that builds the snapshots: the last REST call's {@link ChangeActor} per connector, kept for {@link #WINDOW} after
 * the call. Every snapshot of that connector with a change found within the window carries it: a REST call sets off
 * several transitions seen one after the other (a pause: the connector, then its tasks; a config update: the
 * restart of every task), and all of them are the caller's doing. A change seen later, or of a connector no call
 * touched, carries none: the reconcile pass found it (a task failure, a rebalance).
 *
 * <p>Thread-safe (a concurrent map; a REST call costs one insertion). Bounded by the number of connectors: one
 * entry per name, and expired entries go on the next {@link #record}.
 */
final class ChangeActors {

    /** How long after a REST call the changes of its connector are taken for its doing. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private static final class Recorded {
        private final ChangeActor actor;
        private final Instant until;

        Recorded(ChangeActor actor, Instant until) {
            this.actor = actor;
            this.until = until;
        }
    }

    private final Map<String, Recorded> byConnector = new ConcurrentHashMap<>();

    /** A REST call by {@code actor} changed connector {@code name} at {@code now}. */
    void record(String name, ChangeActor actor, Instant now) {
        byConnector.values().removeIf(recorded -> !now.isBefore(recorded.until));
        byConnector.put(name, new Recorded(actor, now.plus(WINDOW)));
    }

    /** Who made a change of {@code name} found at {@code now}, or {@code null} when no REST call did. */
    ChangeActor actorOf(String name, Instant now) {
        Recorded recorded = byConnector.get(name);
        return recorded != null && now.isBefore(recorded.until) ? recorded.actor : null;
    }
}
