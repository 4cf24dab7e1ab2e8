package io.connectusm.extension;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.EventPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The comparison: holds the last state seen of every connector, compares each new observation with it and
 * appends the resulting events (snapshot with its {@link ChangeCause}, deletion, inventory) to
 * {@link PendingEvents}. Knows nothing of scheduling or threads: {@link ReconcileLoop} decides when to
 * compare, {@link HerderReader} reads.
 *
 * <p>Connectors deleted over REST get a tombstone for {@value #TOMBSTONE_MAX_MS} ms: the herder lists a deleted
 * connector until its tasks have stopped, and it must not be reported again meanwhile.
 *
 * <p>Thread-safety: confined to the observer thread, except {@link #reportDeletedNow(String)}, called on REST
 * threads.
 */
final class ChangeDetector {

    private static final Logger log = LoggerFactory.getLogger(ChangeDetector.class);

    /** How long a connector deleted over REST is ignored while the herder still lists it. */
    static final long TOMBSTONE_MAX_MS = 60_000;
    /**
     * How long after a REST call wrote a config a herder read that still returns the config it replaced is taken
     * for the herder lagging (it serves reads before applying the config updates it has received), not for a
     * change back.
     */
    static final long SUPERSEDED_MAX_MS = 30_000;

    /** The fingerprint a REST write replaced, ignored until {@code until}. */
    private static final class Superseded {
        private final String fingerprint;
        private final Instant until;

        Superseded(String fingerprint, Instant until) {
            this.fingerprint = fingerprint;
            this.until = until;
        }

        String fingerprint() {
            return fingerprint;
        }

        Instant until() {
            return until;
        }
    }

    private final ConnectorObserver observer;
    private final PendingEvents pending;
    private final WorkerIdentity identity;
    private final Clock clock;
    private final ChangeActors actors;

    private final Map<String, ObservedConnector> known = new HashMap<>();
    /** When a REST-triggered recheck last read each connector's config: newer than a full read's start wins. */
    private final Map<String, Instant> configReadAt = new HashMap<>();
    /** Concurrent: REST threads add to it, so a pass already under way stops reporting the connector at once. */
    private final Map<String, Instant> tombstones = new ConcurrentHashMap<>();
    private final Map<String, Superseded> superseded = new HashMap<>();
    private volatile ClusterRef cluster;

    ChangeDetector(ConnectorObserver observer, PendingEvents pending, WorkerIdentity identity, Clock clock,
                   ChangeActors actors) {
        this.observer = observer;
        this.pending = pending;
        this.identity = identity;
        this.clock = clock;
        this.actors = actors;
    }

    /** A detector whose snapshots carry no actor. */
    ChangeDetector(ConnectorObserver observer, PendingEvents pending, WorkerIdentity identity, Clock clock) {
        this(observer, pending, identity, clock, new ChangeActors());
    }

    /** The cluster the events are about, or {@code null} until the herder answered once. */
    ClusterRef cluster() {
        return cluster;
    }

    void clusterKnown(ClusterRef ref) {
        this.cluster = ref;
    }

    /**
     * Called on a REST thread when a DELETE succeeded: appends the deletion at once (no I/O).
     *
     * @return false when the cluster is not known yet; the observer then reports it
     */
    boolean reportDeletedNow(String name) {
        ClusterRef current = cluster;
        if (current == null) {
            return false;
        }
        tombstones.put(name, clock.instant().plusMillis(TOMBSTONE_MAX_MS));
        pending.append(current, identity.workerId(), name, new ConnectorDeleted(name), clock.instant());
        return true;
    }

    /** A deletion the REST filter saw (and reported, or will report): forget it, ignore the herder's lag. */
    void deletedOverRest(String name, Instant now) {
        known.remove(name);
        tombstones.put(name, now.plusMillis(TOMBSTONE_MAX_MS));
    }

    /** A create or config PUT after a delete revives the name. */
    void revive(Collection<String> names) {
        names.forEach(tombstones::remove);
    }

    void expireTombstones(Instant now) {
        tombstones.values().removeIf(until -> !now.isBefore(until));
    }

    /** The last state seen of a connector, or {@code null}. */
    ObservedConnector known(String name) {
        return known.get(name);
    }

    /**
     * A REST call wrote this config (taken from its response): it is current as of now, so a full read that
     * began earlier holds an older one, and the config it replaced, should the herder still return it for a
     * while, is not reported as a change back.
     */
    void written(String name, ConnectorConfigView config, Instant now) {
        configReadAt.put(name, now);
        ObservedConnector previous = known.get(name);
        if (previous != null && !previous.fingerprint().equals(config.fingerprint())) {
            superseded.put(name, new Superseded(previous.fingerprint(), now.plusMillis(SUPERSEDED_MAX_MS)));
        } else {
            superseded.remove(name);
        }
    }

    /** A recheck is reading this connector's config now: a full read that began earlier holds an older one. */
    void configReadStarted(String name, Instant now) {
        configReadAt.put(name, now);
    }

    /**
     * What a full read changed beyond the events appended.
     *
     * @param deleted     the connectors found deleted
     * @param configStale the connectors whose state changed while their config was not read this pass: their
     *                    snapshot waits for a fresh config read, since the config may have changed with the state
     *                    (a connector restarted by a config change made through another worker)
     */
    static final class Applied {
        private final Set<String> deleted;
        private final Set<String> configStale;

        Applied(Set<String> deleted, Set<String> configStale) {
            this.deleted = deleted;
            this.configStale = configStale;
        }

        Set<String> deleted() {
            return deleted;
        }

        Set<String> configStale() {
            return configStale;
        }
    }

    /** The names of the connectors whose state and config are held (a copy). */
    Set<String> knownNames() {
        return Set.copyOf(known.keySet());
    }

    /**
     * Compares a full read with what is known; the state is read again now, the config comes from the read, or
     * for a connector whose config was not read this pass, the one held.
     */
    Applied apply(HerderReader.FullRead read, boolean resync, Instant now) {
        Set<String> deleted = new HashSet<>();
        Set<String> configStale = new HashSet<>();
        tombstones.keySet().retainAll(read.names());
        Set<String> gone = new HashSet<>(known.keySet());
        read.names().forEach(gone::remove);
        for (String name : gone) {
            if (!recheckedSince(name, read.startedAt())) { // else created after the read began
                deleted(name, now);
                deleted.add(name);
            }
        }
        for (String name : read.names()) {
            ObservedConnector previous = known.get(name);
            if (read.unread().contains(name)) {
                // Its config was not read: observe the state with the config held. A changed state is not
                // reported with it, as the config may be older than the state.
                if (previous == null) {
                    continue;
                }
                Optional<ObservedConnector> observed;
                try {
                    observed = observer.observe(name, previous.config());
                } catch (RuntimeException e) {
                    log.debug("Cannot observe connector {} this pass: {}", name, e.toString());
                    continue;
                }
                if (observed.isEmpty()) {
                    deleted(name, now);
                    deleted.add(name);
                } else if (observed.get().changeSince(previous) != null) {
                    configStale.add(name);
                }
                continue;
            }
            Optional<ConnectorConfigView> config = read.configs().get(name);
            if (config == null) {
                continue; // could not be read this pass
            }
            // A recheck read the config after this full read began: it is the newer one.
            boolean rechecked = previous != null && recheckedSince(name, read.startedAt());
            if (config.isEmpty() && !rechecked) {
                if (previous != null) {
                    deleted(name, now);
                    deleted.add(name);
                }
                continue;
            }
            ConnectorConfigView view = rechecked ? previous.config() : config.get();
            Optional<ObservedConnector> observed;
            try {
                observed = observer.observe(name, view);
            } catch (RuntimeException e) {
                log.debug("Cannot observe connector {} this pass: {}", name, e.toString());
                continue;
            }
            if (observed.isEmpty()) {
                if (known.containsKey(name)) {
                    deleted(name, now);
                    deleted.add(name);
                }
                continue;
            }
            ObservedConnector current = observed.get();
            ChangeCause cause = current.changeSince(previous);
            if (resync) {
                cause = (cause == null || previous == null) ? ChangeCause.RESYNC : cause;
            }
            record(current, cause, now);
        }
        configReadAt.keySet().retainAll(known.keySet());
        superseded.keySet().retainAll(known.keySet());
        deleted.forEach(configStale::remove);
        if (resync) {
            TreeMap<String, String> inventory = new TreeMap<>();
            known.forEach((name, connector) -> inventory.put(name, connector.fingerprint()));
            append(null, new ClusterInventory(inventory), now);
        }
        return new Applied(deleted, configStale);
    }

    /**
     * Observes one connector's state with the given config and reports it if it changed.
     *
     * @return false when the connector turned out deleted (and was reported so)
     */
    boolean observe(String name, ConnectorConfigView config, Instant now) {
        ObservedConnector previous = known.get(name);
        Optional<ObservedConnector> observed;
        try {
            observed = observer.observe(name, config);
        } catch (RuntimeException e) {
            log.debug("Cannot observe connector {} yet: {}", name, e.toString());
            return true;
        }
        if (observed.isEmpty()) {
            if (previous != null) {
                deleted(name, now);
                return false;
            }
            return true;
        }
        record(observed.get(), observed.get().changeSince(previous), now);
        return true;
    }

    /** Forgets a known connector and reports its deletion. */
    void deleted(String name, Instant now) {
        known.remove(name);
        configReadAt.remove(name);
        superseded.remove(name);
        append(name, new ConnectorDeleted(name), now);
    }

    void append(String subject, EventPayload payload, Instant now) {
        pending.append(cluster, identity.workerId(), subject, payload, now);
    }

    private void record(ObservedConnector current, ChangeCause cause, Instant now) {
        if (tombstones.containsKey(current.name())) {
            return; // deleted over REST; the herder has not caught up yet
        }
        Superseded replaced = superseded.get(current.name());
        if (replaced != null) {
            if (!now.isBefore(replaced.until())) {
                superseded.remove(current.name());
            } else if (replaced.fingerprint().equals(current.fingerprint())) {
                log.debug("Connector {}: the herder still returns the config a REST call replaced", current.name());
                return;
            }
        }
        known.put(current.name(), current);
        if (cause != null) {
            log.debug("Connector {} is {} with {} tasks ({})", current.name(), current.state(),
                    current.tasks().size(), cause);
            // A resync is nobody's doing; any other change within the window of a REST call is the caller's.
            ChangeActor actor = cause == ChangeCause.RESYNC ? null : actors.actorOf(current.name(), now);
            append(current.name(), current.toSnapshot(cause).withActor(actor), now);
        }
    }

    private boolean recheckedSince(String name, Instant instant) {
        Instant readAt = configReadAt.get(name);
        return readAt != null && readAt.isAfter(instant);
    }
}
