package io.connectusm.extension;

import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterInventory;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.EventPayload;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.WorkerPlugins;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The observer: one daemon thread that reads the cluster state, compares it with what it last saw and appends
 * the resulting events to {@link PendingEvents} (which {@link DeliveryLoop} sends). Reading a connector's state
 * is quick; reading configs and the connector list waits for the herder's tick thread (seconds while it stops
 * or starts tasks), so those reads run on two reader threads and the observer applies their results when they
 * complete, meanwhile serving REST-triggered rechecks from the configs it already holds.
 *
 * <p>Timing: connectors marked by the REST filter are observed at once and re-observed every
 * {@value #RECHECK_POLL_MS} ms for {@value #RECHECK_WINDOW_MS} ms (a REST call returns before the new state is
 * visible); every connector is compared at each reconcile interval (what REST never sees: task failures,
 * rebalances, changes made through other workers); every resync interval all snapshots, the inventory and the
 * plugin list are sent even unchanged. A REST DELETE is reported from the REST thread at once
 * ({@link #reportDeletedNow(String)}): the herder lists a deleted connector until its tasks have stopped.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once. Thread-safe entry points: {@code start},
 * {@code close}, {@code reportDeletedNow}; everything else is confined to the observer thread.
 */
final class ReconcileLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    static final long RECHECK_WINDOW_MS = 2_000;
    static final long RECHECK_POLL_MS = 100;
    /** How long a connector deleted over REST is ignored while the herder still lists it. */
    static final long TOMBSTONE_MAX_MS = 60_000;
    static final String THREAD_NAME = "connect-usm-metadata-events";
    /** How long close() waits for an observer blocked in a herder call before interrupting it. */
    private static final long OBSERVER_STOP_MS = 2_000;

    /** The loop's settings, from {@link MetadataEventsConfig}. */
    record Settings(String connectClusterId, Duration reconcileInterval, Duration resyncInterval,
                    Duration closeDeadline) {
    }

    private final Settings settings;
    private final ConnectorObserver observer;
    private final WorkerPluginsReader pluginsReader;
    private final PendingEvents pending;
    private final DeliveryLoop delivery;
    private final ConnectorChanges changes;
    private final WorkerIdentity identity;
    private final Clock clock;
    private final Thread thread;

    private final ExecutorService reader;
    private final Map<String, ObservedConnector> known = new HashMap<>();
    /** When a REST-triggered recheck last read each connector's config: newer than a full read's start wins. */
    private final Map<String, Instant> configReadAt = new HashMap<>();
    /** Config reads under way for REST-marked connectors. */
    private final Map<String, Future<Optional<ConnectorConfigView>>> configReads = new HashMap<>();
    private final Map<String, Instant> recheckUntil = new HashMap<>();
    /** Connectors whose config a REST call may have changed: re-read it on every recheck of the window. */
    private final Set<String> configStale = new HashSet<>();
    /**
     * Connectors deleted over REST that the herder may still list for a while, until when to ignore them.
     * Concurrent: REST threads add to it, so a pass already under way stops reporting the connector at once.
     */
    private final Map<String, Instant> tombstones = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private volatile ClusterRef cluster;
    private boolean firstPass = true;
    private Future<FullRead> fullRead;
    private boolean fullReadIsResync;
    private boolean pluginsSent;
    private Instant nextFull;
    private Instant nextResync;

    ReconcileLoop(Settings settings, ConnectorObserver observer, WorkerPluginsReader pluginsReader,
                  PendingEvents pending, DeliveryLoop delivery, ConnectorChanges changes, WorkerIdentity identity,
                  Clock clock) {
        this.settings = settings;
        this.observer = observer;
        this.pluginsReader = pluginsReader;
        this.pending = pending;
        this.delivery = delivery;
        this.changes = changes;
        this.identity = identity;
        this.clock = clock;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
        // Two readers: a full read of every config must not delay the config read of a connector marked by REST.
        this.reader = Executors.newFixedThreadPool(2, runnable -> {
            Thread readerThread = new Thread(runnable, THREAD_NAME + "-reader");
            readerThread.setDaemon(true);
            return readerThread;
        });
    }

    /**
     * The result of reading every connector's config, which waits for the herder's tick thread and so runs on
     * the reader thread while the observer keeps serving REST-triggered rechecks.
     */
    private record FullRead(Instant startedAt, List<String> names, Map<String, Optional<ConnectorConfigView>> configs) {
    }

    private FullRead readAll(Instant startedAt) {
        List<String> names = List.copyOf(observer.connectorNames());
        Map<String, Optional<ConnectorConfigView>> configs = new HashMap<>();
        for (String name : names) {
            try {
                configs.put(name, observer.readConfig(name));
            } catch (RuntimeException e) {
                // One connector the herder cannot describe right now must not hide the others.
                log.debug("Cannot read the config of connector {} this pass: {}", name, e.toString());
            }
        }
        return new FullRead(startedAt, names, configs);
    }

    void start() {
        delivery.start();
        thread.start();
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

    private void run() {
        while (!closing) {
            try {
                long waitMillis = step();
                changes.await(waitMillis);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The herder may not be ready or may time out: the next pass retries. Only the type and
                // message are logged; they come from the worker and carry no connector config.
                log.warn("Connector metadata pass failed, retrying in {}: {}", settings.reconcileInterval(),
                        e.toString());
                try {
                    changes.await(settings.reconcileInterval().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One pass; returns how long to wait for the next one unless woken by a change. */
    private long step() {
        Instant now = clock.instant();
        if (cluster == null) {
            // Blocks until the herder is ready; register() cannot call this itself.
            cluster = new ClusterRef(observer.kafkaClusterId(), settings.connectClusterId());
            log.info("Reporting connector metadata of Connect cluster {}", cluster);
            nextFull = now;
            nextResync = now.plus(settings.resyncInterval());
        }
        ConnectorChanges.Drained drained = changes.drain();
        if (!drained.connectors().isEmpty() || !drained.deleted().isEmpty()) {
            log.debug("Changed through REST: {}, deleted: {}", drained.connectors(), drained.deleted());
        }
        for (String name : drained.connectors()) {
            recheckUntil.put(name, now.plusMillis(RECHECK_WINDOW_MS));
        }
        configStale.addAll(drained.configChanged());
        // A create or config PUT after a delete revives the name.
        drained.configChanged().forEach(tombstones::remove);
        for (String name : drained.deleted()) {
            known.remove(name);
            recheckUntil.remove(name);
            configStale.remove(name);
            tombstones.put(name, now.plusMillis(TOMBSTONE_MAX_MS));
        }
        for (String name : drained.deletedUnreported()) {
            append(name, new ConnectorDeleted(name), now);
        }
        tombstones.values().removeIf(until -> !now.isBefore(until));

        boolean resyncDue = !now.isBefore(nextResync);
        if (fullRead == null && (drained.everything() || resyncDue || !now.isBefore(nextFull))) {
            fullReadIsResync = resyncDue || firstPass;
            firstPass = false;
            if (resyncDue) {
                nextResync = now.plus(settings.resyncInterval());
            }
            Instant startedAt = now;
            fullRead = onReader(() -> readAll(startedAt));
        }
        if (fullRead != null && fullRead.isDone()) {
            try {
                apply(fullRead.get(), fullReadIsResync, now);
            } catch (ExecutionException e) {
                log.warn("Connector metadata reconcile failed, retrying in {}: {}", settings.reconcileInterval(),
                        String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            fullRead = null;
            nextFull = now.plus(settings.reconcileInterval());
            if (fullReadIsResync) {
                pluginsSent = false;
            }
            if (!pluginsSent) {
                reportPlugins(now);
            }
        }
        // A copy: observing a deleted connector removes it from the map.
        for (String name : List.copyOf(recheckUntil.keySet())) {
            observeOne(name, now);
        }
        recheckUntil.values().removeIf(until -> !now.isBefore(until));
        configStale.retainAll(recheckUntil.keySet());
        configReads.keySet().retainAll(recheckUntil.keySet());

        // While reads are in flight their completion wakes the loop.
        Instant wakeAt = fullRead == null && nextFull.isBefore(nextResync) ? nextFull : nextResync;
        if (!recheckUntil.isEmpty()) {
            Instant poll = now.plusMillis(RECHECK_POLL_MS);
            wakeAt = poll.isBefore(wakeAt) ? poll : wakeAt;
        }
        return Math.max(1, Duration.between(clock.instant(), wakeAt).toMillis());
    }

    /** Compares a full read with what is known; the state is read again now, the config comes from the read. */
    private void apply(FullRead read, boolean resync, Instant now) {
        tombstones.keySet().retainAll(read.names());
        Set<String> gone = new HashSet<>(known.keySet());
        read.names().forEach(gone::remove);
        for (String name : gone) {
            if (!recheckedSince(name, read.startedAt())) { // else created after the read began
                deleted(name, now);
            }
        }
        for (String name : read.names()) {
            Optional<ConnectorConfigView> config = read.configs().get(name);
            if (config == null) {
                continue; // could not be read this pass
            }
            ObservedConnector previous = known.get(name);
            // A recheck read the config after this full read began: it is the newer one.
            boolean rechecked = previous != null && recheckedSince(name, read.startedAt());
            if (config.isEmpty() && !rechecked) {
                if (previous != null) {
                    deleted(name, now);
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
        if (resync) {
            TreeMap<String, String> inventory = new TreeMap<>();
            known.forEach((name, connector) -> inventory.put(name, connector.fingerprint()));
            append(null, new ClusterInventory(inventory), now);
        }
    }

    /** Runs a blocking read on a reader thread; its completion (not its end: isDone must hold) wakes the loop. */
    private <T> Future<T> onReader(Supplier<T> read) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(read, reader);
        future.whenComplete((result, error) -> changes.wakeUp());
        return future;
    }

    private boolean recheckedSince(String name, Instant instant) {
        Instant readAt = configReadAt.get(name);
        return readAt != null && readAt.isAfter(instant);
    }

    /** The worker's plugin list, once at start (retried each pass until its REST API answers) and at resync. */
    private void reportPlugins(Instant now) {
        if (identity.restBase() == null) {
            return;
        }
        Optional<List<PluginDescriptor>> plugins = pluginsReader.read(identity.restBase());
        if (plugins.isPresent()) {
            String workerId = identity.workerId();
            append(workerId, new WorkerPlugins(workerId, AppInfoParser.getVersion(), plugins.get()), now);
            pluginsSent = true;
        }
    }

    /**
     * Observes one connector marked by REST. Its state is read at once; its config (when new, or when the REST
     * call may have changed it) is read on a reader thread, because that read waits for the herder's tick
     * thread, which may be busy for seconds stopping or starting tasks.
     */
    private void observeOne(String name, Instant now) {
        ObservedConnector previous = known.get(name);
        ConnectorConfigView config = previous == null ? null : previous.config();
        Future<Optional<ConnectorConfigView>> read = configReads.get(name);
        if (read != null && read.isDone()) {
            configReads.remove(name);
            try {
                Optional<ConnectorConfigView> fresh = read.get();
                if (fresh.isEmpty()) {
                    if (previous != null) {
                        deleted(name, now);
                    }
                    return;
                }
                config = fresh.get();
            } catch (ExecutionException e) {
                log.debug("Cannot read the config of connector {} yet: {}", name, String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } else if (read == null && (previous == null || configStale.contains(name))) {
            configReadAt.put(name, now);
            configReads.put(name, onReader(() -> observer.readConfig(name)));
        }
        if (config == null) {
            return; // a new connector: wait for its config
        }
        Optional<ObservedConnector> observed;
        try {
            observed = observer.observe(name, config);
        } catch (RuntimeException e) {
            log.debug("Cannot observe connector {} yet: {}", name, e.toString());
            return;
        }
        if (observed.isEmpty()) {
            if (previous != null) {
                deleted(name, now);
            }
            return;
        }
        record(observed.get(), observed.get().changeSince(previous), now);
    }

    private void record(ObservedConnector current, ChangeCause cause, Instant now) {
        if (tombstones.containsKey(current.name())) {
            return; // deleted over REST; the herder has not caught up yet
        }
        known.put(current.name(), current);
        if (cause != null) {
            log.debug("Connector {} is {} with {} tasks ({})", current.name(), current.state(),
                    current.tasks().size(), cause);
            append(current.name(), current.toSnapshot(cause), now);
        }
    }

    private void deleted(String name, Instant now) {
        known.remove(name);
        configReadAt.remove(name);
        recheckUntil.remove(name);
        configStale.remove(name);
        append(name, new ConnectorDeleted(name), now);
    }

    private void append(String subject, EventPayload payload, Instant now) {
        pending.append(cluster, identity.workerId(), subject, payload, now);
    }

    /** Stops observing, then stops delivery after one last attempt, within {@code closeDeadline}. */
    @Override
    public void close() {
        closing = true;
        changes.wakeUp();
        try {
            thread.join(OBSERVER_STOP_MS);
            if (thread.isAlive()) {
                thread.interrupt(); // blocked in a herder call
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.shutdownNow();
            delivery.close(settings.closeDeadline());
        }
    }
}
