package io.connectusm.extension;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The comparison: holds the last state seen of every connector, compares each new observation with it and
 * appends the resulting events (snapshot with its {@link ChangeCause}, deletion, inventory) to
 * {@link PendingEvents}. Knows nothing of scheduling or threads: {@link ReconcileLoop} decides when to
 * compare, {@link HerderReader} reads.
 *
 * <p>Deleted connectors get a tombstone ({@link DeletionTombstones}): the herder lists a deleted connector until its
 * tasks have stopped, and it must not be reported again meanwhile.
 *
 * <p>Over 300 lines for a reason: it is one table of what was last seen (states, tombstones, configs awaiting a
 * status, configs REST calls replaced) and the three ways of comparing against it — a full read, one observation,
 * a resync — which all must keep it consistent; split, the table would have to be shared.
 *
 * <p>Thread-safety: confined to the observer thread, except {@link #reportDeletedNow(String)}, called on REST
 * threads and the feed's thread.
 */
final class ChangeDetector {

    private static final Logger log = LoggerFactory.getLogger(ChangeDetector.class);

    private final ConnectorObserver observer;
    private final PendingEvents pending;
    private final WorkerIdentity identity;
    private final Clock clock;
    private final ChangeActors actors;
    /** Deletions reported at once without an actor, while their tombstone lasts (REST and feed threads). */
    private final java.util.Set<String> deletedWithoutActor = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Concurrent: {@link #reportDeletedNow} (REST and feed threads) asks whether a connector was ever reported. */
    private final Map<String, ObservedConnector> known = new java.util.concurrent.ConcurrentHashMap<>();
    /** When a REST-triggered recheck last read each connector's config: newer than a full read's start wins. */
    private final Map<String, Instant> configReadAt = new HashMap<>();
    /** Thread-safe: REST threads add to it, so a pass already under way stops reporting the connector at once. */
    private final DeletionTombstones tombstones = new DeletionTombstones();
    private final SupersededConfigs superseded = new SupersededConfigs();
    /**
     * Configs of connectors that exist (their config record was read) but have no status yet. Concurrent: the
     * observer thread fills it, {@link #reportDeletedNow} (REST and feed threads) takes a deleted one's config out.
     */
    private final Map<String, ConnectorConfigView> awaitingStatus = new java.util.concurrent.ConcurrentHashMap<>();
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
        return reportDeletedNow(name, null);
    }

    /**
     * As {@link #reportDeletedNow(String)}, with the raw config of a create the observer has not taken yet
     * ({@code null}: none), for a connector created and deleted at once.
     */
    boolean reportDeletedNow(String name, Map<String, String> undrainedConfig) {
        ClusterRef current = cluster;
        if (current == null) {
            return false;
        }
        // The REST filter and the feed's tombstone both report a deletion made through this worker: once is enough,
        // unless the first knew no actor and the second does. The feed may read the tombstone the leader wrote
        // before this worker's REST filter has recorded the actor of the call it forwarded: then the filter's
        // report, with the actor, goes too.
        Instant now = clock.instant();
        ConnectorDeleted deletion = deletion(name, now);
        boolean first = tombstones.mark(name, now);
        if (first) {
            reportUnseenCreation(current, name, undrainedConfig, now);
        }
        if (first && deletion.actor() == null) {
            deletedWithoutActor.add(name);
        }
        if (first || deletion.actor() != null && deletedWithoutActor.remove(name)) {
            pending.append(current, identity.workerId(), name, deletion, now);
        }
        return true;
    }

    /**
     * A connector deleted before its first status (created and deleted at once) was never reported: its config,
     * kept for that first status, goes out as its {@code CREATED} snapshot (no status yet: {@code UNASSIGNED}, no
     * tasks, type unknown) just before its deletion, at the same time and so ordered before it, and the audit trail
     * shows both. Sent after the deletion it would be taken for a re-creation. No actor: the one recorded now is the
     * DELETE's.
     */
    private void reportUnseenCreation(ClusterRef current, String name, Map<String, String> undrainedConfig,
                                      Instant now) {
        ConnectorConfigView unseen = awaitingStatus.remove(name);
        if (unseen == null && undrainedConfig != null && !known.containsKey(name)) {
            unseen = observer.configView(undrainedConfig); // masked here, as the observer would (no I/O)
        }
        if (unseen != null) {
            ConnectorSnapshot created = new ObservedConnector(name, ConnectorType.UNKNOWN, ConnectorState.UNASSIGNED,
                    null, null, List.of(), unseen).toSnapshot(ChangeCause.CREATED);
            pending.append(current, identity.workerId(), name, created, now);
        }
    }

    /** A deletion the REST filter saw (and reported, or will report): forget it, ignore the herder's lag. */
    void deletedOverRest(String name, Instant now) {
        known.remove(name);
        awaitingStatus.remove(name);
        tombstones.mark(name, now);
    }

    /** A create or config PUT after a delete revives the name. */
    void revive(Collection<String> names) {
        tombstones.revive(names);
    }

    void expireTombstones(Instant now) {
        tombstones.expire(now);
        deletedWithoutActor.removeIf(name -> !tombstones.contains(name));
    }

    /** The last state seen of a connector, or {@code null}. */
    ObservedConnector known(String name) {
        return known.get(name);
    }

    /** Keeps the config of a connector that has no status yet, for when it gets one. */
    void configPending(String name, ConnectorConfigView config) {
        if (!known.containsKey(name) && !tombstones.contains(name)) {
            awaitingStatus.put(name, config);
        }
    }

    /** The config of a connector that exists but was never observed, or {@code null}. */
    ConnectorConfigView pendingConfig(String name) {
        return awaitingStatus.get(name);
    }

    /**
     * A REST call wrote this config (taken from its response): it is current as of now, so a full read that
     * began earlier holds an older one, and the config it replaced, should the herder still return it for a
     * while, is not reported as a change back.
     */
    void written(String name, ConnectorConfigView config, Instant now) {
        configReadAt.put(name, now);
        superseded.written(name, known.get(name), config, now);
    }

    /** A recheck is reading this connector's config now: a full read that began earlier holds an older one. */
    void configReadStarted(String name, Instant now) {
        configReadAt.put(name, now);
    }

    /** The names of the connectors whose state and config are held (a copy). */
    Set<String> knownNames() {
        return Set.copyOf(known.keySet());
    }

    /**
     * Compares a full read with what is known; the state is read again now, the config comes from the read, or
     * for a connector whose config was not read this pass, the one held. The connectors {@code resync} selects are
     * reported even unchanged (cause {@code RESYNC}); with {@code inventory}, the cluster inventory follows.
     */
    FullReadOutcome apply(HerderReader.FullRead read, Predicate<String> resync, boolean inventory, Instant now) {
        Set<String> deleted = new HashSet<>();
        Set<String> configStale = new HashSet<>();
        tombstones.retainAll(read.names());
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
            if (resync.test(name)) {
                cause = (cause == null || previous == null) ? ChangeCause.RESYNC : cause;
            }
            record(current, cause, now);
        }
        configReadAt.keySet().retainAll(known.keySet());
        superseded.retainAll(known.keySet());
        awaitingStatus.keySet().retainAll(read.names());
        deleted.forEach(configStale::remove);
        if (inventory) {
            appendInventory(now);
        }
        return new FullReadOutcome(deleted, configStale);
    }

    /** Every known connector's name with its config fingerprint: lets every hop converge after a loss. */
    void appendInventory(Instant now) {
        TreeMap<String, String> inventory = new TreeMap<>();
        known.forEach((name, connector) -> inventory.put(name, connector.fingerprint()));
        append(null, new ClusterInventory(inventory), now);
    }

    /** How many connectors are known. */
    int knownCount() {
        return known.size();
    }

    /** The known connectors {@code select} picks (a resync slice), as a new list. */
    List<String> knownWhere(Predicate<String> select) {
        List<String> names = new ArrayList<>();
        for (String name : known.keySet()) {
            if (select.test(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * A resync of one known connector with the config held: its state is read again and it is reported even
     * unchanged (cause {@code RESYNC}, or the change found).
     */
    Observation resync(String name, Instant now) {
        ObservedConnector previous = known.get(name);
        if (previous == null) {
            return Observation.ABSENT;
        }
        Optional<ObservedConnector> observed;
        try {
            observed = observer.observe(name, previous.config());
        } catch (RuntimeException e) {
            log.debug("Cannot observe connector {} this pass: {}", name, e.toString());
            return Observation.FAILED;
        }
        if (observed.isEmpty()) {
            deleted(name, now);
            return Observation.DELETED;
        }
        ChangeCause cause = observed.get().changeSince(previous);
        record(observed.get(), cause == null ? ChangeCause.RESYNC : cause, now);
        return Observation.OBSERVED;
    }

    /** Observes one connector's state with the given config and reports it if it changed. */
    Observation observe(String name, ConnectorConfigView config, Instant now) {
        ObservedConnector previous = known.get(name);
        Optional<ObservedConnector> observed;
        try {
            observed = observer.observe(name, config);
        } catch (RuntimeException e) {
            log.debug("Cannot observe connector {} yet: {}", name, e.toString());
            return Observation.FAILED;
        }
        if (observed.isEmpty()) {
            if (previous != null) {
                deleted(name, now);
                return Observation.DELETED;
            }
            return Observation.ABSENT;
        }
        record(observed.get(), observed.get().changeSince(previous), now);
        return known.containsKey(name) ? Observation.OBSERVED : Observation.ABSENT;
    }

    /** Forgets a known connector and reports its deletion. */
    void deleted(String name, Instant now) {
        known.remove(name);
        configReadAt.remove(name);
        superseded.forget(name);
        awaitingStatus.remove(name);
        append(name, deletion(name, now), now);
    }

    /**
     * The deletion of {@code name} found at {@code now}, with the actor of the REST call that deleted it when this
     * worker answered one within {@link ChangeActors#WINDOW} (a deletion seen on the config topic, of a call another
     * worker answered, carries none: that worker reports it with the actor).
     */
    ConnectorDeleted deletion(String name, Instant now) {
        return new ConnectorDeleted(name, actors.actorOf(name, now));
    }

    void append(String subject, EventPayload payload, Instant now) {
        pending.append(cluster, identity.workerId(), subject, payload, now);
    }

    private void record(ObservedConnector current, ChangeCause cause, Instant now) {
        if (tombstones.contains(current.name())) {
            return; // deleted over REST; the herder has not caught up yet
        }
        if (superseded.isReplaced(current.name(), current.fingerprint(), now)) {
            log.debug("Connector {}: the herder still returns the config a REST call replaced", current.name());
            return;
        }
        known.put(current.name(), current);
        awaitingStatus.remove(current.name());
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
