package io.connectusm.extension;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.WorkerPlugins;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The observer thread's schedule: when to drain REST-marked changes, when to start a full comparison of every
 * connector (each reconcile interval: what REST never sees — task failures, rebalances, changes made through
 * other workers), when a resync sends every snapshot, the inventory and the plugin list even unchanged, and how
 * long to sleep until the next of those. The work itself is delegated: {@link HerderReader} reads through the
 * herder on reader threads, {@link ChangeDetector} compares and appends events, {@link RecheckWindows}
 * re-observes connectors changed over REST every {@value #RECHECK_POLL_MS} ms. A REST DELETE is reported from the
 * REST thread at once ({@link #reportDeletedNow(String)}): the herder lists a deleted connector until its tasks
 * have stopped.
 *
 * <p>Every pass compares every connector's state, which comes from the status store; configs, each a request
 * to the herder's tick thread, are read only where they may have changed ({@link #configsToRead()}), and all of
 * them at a resync. docs/worker-extension.md lists which change each path finds.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once. Thread-safe entry points: {@code start},
 * {@code close}, {@code reportDeletedNow}; everything else is confined to the observer thread.
 */
final class ReconcileLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    static final long RECHECK_POLL_MS = 100;
    /**
     * Between resyncs, a reconcile pass reads the config of a connector only when it may have changed (new to
     * this worker, marked by a REST call, state changed), plus one slice of a rolling sweep: every connector's
     * config is re-read once every this many passes (30 s at the default interval), which bounds how long a
     * config change that no signal betrays stays unseen.
     */
    static final int CONFIG_SWEEP_PASSES = 10;
    static final String THREAD_NAME = "connect-usm-metadata-events";
    /** How long close() waits for an observer blocked in a herder call before interrupting it. */
    private static final long OBSERVER_STOP_MS = 2_000;

    /** The loop's settings, from {@link MetadataEventsConfig}. Immutable. */
    static final class Settings {
        private final String connectClusterId;
        private final Duration reconcileInterval;
        private final Duration resyncInterval;
        private final Duration closeDeadline;

        Settings(String connectClusterId, Duration reconcileInterval, Duration resyncInterval,
                 Duration closeDeadline) {
            this.connectClusterId = connectClusterId;
            this.reconcileInterval = reconcileInterval;
            this.resyncInterval = resyncInterval;
            this.closeDeadline = closeDeadline;
        }

        String connectClusterId() {
            return connectClusterId;
        }

        Duration reconcileInterval() {
            return reconcileInterval;
        }

        Duration resyncInterval() {
            return resyncInterval;
        }

        Duration closeDeadline() {
            return closeDeadline;
        }
    }

    private final Settings settings;
    private final ConnectorObserver observer;
    private final WorkerPluginsReader pluginsReader;
    private final DeliveryLoop delivery;
    private final ConnectorChanges changes;
    private final WorkerIdentity identity;
    private final Clock clock;
    private final Thread thread;
    private final HerderReader reader;
    private final ChangeDetector detector;
    private final RecheckWindows rechecks;
    private final ReconcileFailures failures = new ReconcileFailures();

    private volatile boolean closing;
    private boolean firstPass = true;
    private Future<HerderReader.FullRead> fullRead;
    private boolean fullReadIsResync;
    /** Connectors whose config a REST call may have changed, and when: the next full read re-reads them. */
    private final Map<String, Instant> configDue = new HashMap<>();
    private long sweepPass;
    private boolean pluginsSent;
    private Instant nextFull;
    private Instant nextResync;

    ReconcileLoop(Settings settings, ConnectorObserver observer, WorkerPluginsReader pluginsReader,
                  PendingEvents pending, DeliveryLoop delivery, ConnectorChanges changes, WorkerIdentity identity,
                  Clock clock) {
        this.settings = settings;
        this.observer = observer;
        this.pluginsReader = pluginsReader;
        this.delivery = delivery;
        this.changes = changes;
        this.identity = identity;
        this.clock = clock;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
        this.reader = new HerderReader(observer, changes::wakeUp, THREAD_NAME + "-reader");
        this.detector = new ChangeDetector(observer, pending, identity, clock, changes.actors());
        this.rechecks = new RecheckWindows(detector, reader);
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
        return detector.reportDeletedNow(name);
    }

    private void run() {
        while (!closing) {
            try {
                long waitMillis = step();
                changes.await(waitMillis);
            } catch (InterruptedException e) {
                return;
            } catch (LinkageError e) {
                ExtensionFailure.logOff(log, "observing the Connect cluster", e);
                return;
            } catch (RuntimeException e) {
                if (ExtensionFailure.cannotWorkHere(e)) {
                    // A method this worker's Connect API lacks: retrying cannot help.
                    ExtensionFailure.logOff(log, "observing the Connect cluster", e);
                    return;
                }
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
        if (detector.cluster() == null) {
            // Blocks until the herder is ready; register() cannot call this itself.
            ClusterRef cluster = new ClusterRef(observer.kafkaClusterId(), settings.connectClusterId());
            detector.clusterKnown(cluster);
            log.info("Reporting connector metadata of Connect cluster {}", cluster);
            nextFull = now;
            nextResync = now.plus(settings.resyncInterval());
        }
        ConnectorChanges.Drained drained = changes.drain();
        if (!drained.connectors().isEmpty() || !drained.deleted().isEmpty()) {
            log.debug("Changed through REST: {}, deleted: {}", drained.connectors(), drained.deleted());
        }
        rechecks.open(drained.connectors(), drained.configChanged(), now);
        drained.configChanged().forEach(name -> configDue.put(name, now));
        drained.written().forEach((name, raw) -> rechecks.written(name, observer.configView(raw), now));
        detector.revive(drained.configChanged());
        for (String name : drained.deleted()) {
            detector.deletedOverRest(name, now);
            rechecks.forget(name);
        }
        for (String name : drained.deletedUnreported()) {
            detector.append(name, new ConnectorDeleted(name), now);
        }
        detector.expireTombstones(now);

        boolean resyncDue = !now.isBefore(nextResync);
        if (fullRead == null && (drained.everything() || resyncDue || !now.isBefore(nextFull))) {
            fullReadIsResync = resyncDue || firstPass;
            boolean allConfigs = fullReadIsResync || drained.everything();
            firstPass = false;
            if (resyncDue) {
                nextResync = now.plus(settings.resyncInterval());
            }
            fullRead = reader.readAll(now, allConfigs ? name -> true : configsToRead());
        }
        if (fullRead != null && fullRead.isDone()) {
            try {
                HerderReader.FullRead read = fullRead.get();
                long compareStarted = System.nanoTime();
                ChangeDetector.Applied applied = detector.apply(read, fullReadIsResync, now);
                applied.deleted().forEach(rechecks::forget);
                // A state changed while the config was not read: report it once a recheck has read the config
                // (or has waited RecheckWindows.CONFIG_ONCE_WAIT_MS for it).
                rechecks.openReadingConfigOnce(applied.configStale(), now);
                Set<String> listed = new HashSet<>(read.names());
                configDue.entrySet().removeIf(due -> !read.startedAt().isBefore(due.getValue())
                        && (read.configs().containsKey(due.getKey()) || !listed.contains(due.getKey())));
                // The cost of a pass at DEBUG, so an operator with many connectors can see it (and the scale
                // benchmark reads it): herder reads wait on the herder's tick thread, the comparison reads
                // every connector's status from the status store.
                log.debug("Reconcile pass over {} connectors: {} herder reads in {} ms, compared in {} ms",
                        read.names().size(), read.herderReads(), read.elapsed().toMillis(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - compareStarted));
                failures.succeeded();
            } catch (ExecutionException e) {
                if (ExtensionFailure.cannotWorkHere(e.getCause())) {
                    throw new IllegalStateException("a read through the herder failed", e.getCause());
                }
                failures.failed(e.getCause(), now, settings.reconcileInterval());
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
        rechecks.recheckAll(now);

        // While reads are in flight their completion wakes the loop.
        Instant wakeAt = fullRead == null && nextFull.isBefore(nextResync) ? nextFull : nextResync;
        if (!rechecks.isEmpty()) {
            Instant poll = now.plusMillis(RECHECK_POLL_MS);
            wakeAt = poll.isBefore(wakeAt) ? poll : wakeAt;
        }
        return Math.max(1, Duration.between(clock.instant(), wakeAt).toMillis());
    }

    /**
     * Which configs a reconcile pass between resyncs reads: those of connectors this worker holds no config of,
     * those a REST call may have changed, and this pass's slice of the sweep. The state of every connector is
     * still compared every pass (it comes from the status store, which does not wait for the herder).
     */
    private Predicate<String> configsToRead() {
        Set<String> held = detector.knownNames();
        Set<String> due = Set.copyOf(configDue.keySet());
        int slice = (int) (sweepPass++ % CONFIG_SWEEP_PASSES);
        return name -> !held.contains(name) || due.contains(name)
                || Math.floorMod(name.hashCode(), CONFIG_SWEEP_PASSES) == slice;
    }

    /** The worker's plugin list, once at start (retried each pass until its REST API answers) and at resync. */
    private void reportPlugins(Instant now) {
        if (identity.restBase() == null) {
            return;
        }
        Optional<List<PluginDescriptor>> plugins = pluginsReader.read(identity.restBase());
        if (plugins.isPresent()) {
            String workerId = identity.workerId();
            detector.append(workerId, new WorkerPlugins(workerId, KafkaVersion.ofWorker(), plugins.get()), now);
            pluginsSent = true;
        }
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
            reader.close();
            delivery.close(settings.closeDeadline());
        }
    }
}
