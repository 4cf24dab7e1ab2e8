package io.connectusm.extension;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.WorkerPlugins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The observer thread's schedule: when to drain what changed (REST calls marked by the filter, records the
 * {@link InternalTopicsFeed} read), when a reconcile pass is due (every reconcile interval), which part of the resync
 * it carries ({@link ResyncSlices}: each connector resent once per resync interval, spread over the passes), and how
 * long to sleep until the next of those. The work itself is delegated: {@link FeedPasses} while the feed runs (a pass
 * asks nothing of the herder), {@link PollingPasses} without it (through {@link HerderReader}'s threads),
 * {@link ChangeDetector} compares and appends events, {@link RecheckWindows} re-observes connectors something pointed
 * at. A REST DELETE, and a config tombstone the feed reads, is reported at once ({@link #reportDeletedNow(String)}):
 * the herder lists a deleted connector until its tasks have stopped.
 *
 * <p>docs/worker-extension.md lists which change each path finds, and what a pass costs the herder.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once. Thread-safe entry points: {@code start},
 * {@code close}, {@code reportDeletedNow}; everything else is confined to the observer thread.
 *
 * <p>Over 300 lines for a reason: the observer thread's one loop (passes, resync slices, deletions, the plugin list,
 * its clean stop); its collaborators are built and injected by {@code ExtensionComponents}.
 */
final class ReconcileLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    static final long RECHECK_POLL_MS = 100;
    static final String THREAD_NAME = "connect-usm-metadata-events";
    /** How long close() waits for an observer blocked in a herder call before interrupting it. */
    private static final long OBSERVER_STOP_MS = 2_000;
    /** How long the first pass waits for the feed to have read the config topic before polling instead. */
    private static final Duration FEED_LOAD_WAIT = Duration.ofMinutes(2);

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
    private final ResyncSlices slices;
    private final PollingPasses polling;
    private final FeedPasses feedPasses;
    /** {@code null} when there is none (standalone, {@code change.detection=polling}) or once it failed. */
    private volatile InternalTopicsFeed feed;

    private volatile boolean closing;
    private boolean firstPass = true;
    private boolean pluginsSent;
    private Instant nextPass;

    /**
     * The loop's passes and what they share, built by {@link ExtensionComponents}: all confined to the loop's thread
     * but the reader, whose threads the loop closes with it.
     */
    static final class Passes {
        final HerderReader reader;
        final ChangeDetector detector;
        final RecheckWindows rechecks;
        final ResyncSlices slices;
        final PollingPasses polling;
        final FeedPasses feed;

        Passes(HerderReader reader, ChangeDetector detector, RecheckWindows rechecks, ResyncSlices slices,
               PollingPasses polling, FeedPasses feed) {
            this.reader = reader;
            this.detector = detector;
            this.rechecks = rechecks;
            this.slices = slices;
            this.polling = polling;
            this.feed = feed;
        }
    }

    ReconcileLoop(Settings settings, ConnectorObserver observer, WorkerPluginsReader pluginsReader,
                  DeliveryLoop delivery, ConnectorChanges changes, WorkerIdentity identity,
                  InternalTopicsFeed feed, Passes passes, Clock clock) {
        this.settings = settings;
        this.observer = observer;
        this.pluginsReader = pluginsReader;
        this.delivery = delivery;
        this.changes = changes;
        this.identity = identity;
        this.feed = feed;
        this.clock = clock;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
        this.reader = passes.reader;
        this.detector = passes.detector;
        this.rechecks = passes.rechecks;
        this.slices = passes.slices;
        this.polling = passes.polling;
        this.feedPasses = passes.feed;
    }

    void start() {
        delivery.start();
        if (feed != null) {
            feed.start();
        }
        thread.start();
    }

    /**
     * Called on a REST thread when a DELETE succeeded (or on the feed's thread for a config tombstone): appends the
     * deletion at once (no I/O).
     *
     * @return false when the cluster is not known yet; the observer then reports it
     */
    boolean reportDeletedNow(String name) {
        return detector.reportDeletedNow(name, changes.undrainedConfig(name));
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

    /** One step; returns how long to wait for the next one unless woken by a change. */
    private long step() throws InterruptedException {
        Instant now = clock.instant();
        if (detector.cluster() == null) {
            // Blocks until the herder is ready; register() cannot call this itself.
            ClusterRef cluster = new ClusterRef(observer.kafkaClusterId(), settings.connectClusterId());
            detector.clusterKnown(cluster);
            log.info("Reporting connector metadata of Connect cluster {} ({})", cluster,
                    feed != null ? "changes from the worker's config and status topics" : "polling the herder");
            nextPass = now;
        }
        applyChanges(changes.drain(), now);
        if (feed != null && feed.failed()) {
            feed.close();
            feed = null; // it said why; from now on every pass compares every connector
            polling.everythingNext();
        }
        if (feed != null) {
            feedStep(now);
            feedPasses.resyncDue(now);
        } else {
            pollingStep(now);
        }
        rechecks.recheckAll(now);

        // While reads are in flight their completion wakes the loop.
        Instant wakeAt = polling.busy() ? now.plus(settings.reconcileInterval()) : nextPass;
        Instant resyncAt = feed != null ? feedPasses.nextResyncAt() : null;
        if (resyncAt != null && resyncAt.isBefore(wakeAt)) {
            wakeAt = resyncAt; // the next chunk of a slice under way
        }
        if (!rechecks.isEmpty()) {
            Instant poll = now.plusMillis(RECHECK_POLL_MS);
            wakeAt = poll.isBefore(wakeAt) ? poll : wakeAt;
        }
        return Math.max(1, Duration.between(clock.instant(), wakeAt).toMillis());
    }

    private void applyChanges(ConnectorChanges.Drained drained, Instant now) {
        if (drained.connectors().isEmpty() && drained.deleted().isEmpty() && drained.hinted().isEmpty()
                && drained.written().isEmpty() && !drained.everything()) {
            return;
        }
        log.debug("Changed through REST: {}, deleted: {}, hinted by the feed: {}", drained.connectors(),
                drained.deleted(), drained.hinted());
        rechecks.open(drained.connectors(), drained.configChanged(), now);
        polling.configsChanged(drained.configChanged(), now);
        drained.written().forEach((name, raw) -> rechecks.written(name, observer.configView(raw), now));
        detector.revive(drained.configChanged());
        detector.revive(drained.written().keySet());
        for (String name : drained.deleted()) {
            detector.deletedOverRest(name, now);
            rechecks.forget(name);
        }
        for (String name : drained.deletedUnreported()) {
            detector.append(name, detector.deletion(name, now), now);
        }
        rechecks.openHinted(drained.hinted(), now);
        // A config record this version cannot read: read that connector's config through the herder.
        rechecks.open(drained.unreadable(), drained.unreadable(), now);
        if (drained.everything()) {
            polling.allConfigsNext(); // the feed, if it runs, reports the new connector anyway
        }
        detector.expireTombstones(now);
    }

    private void feedStep(Instant now) throws InterruptedException {
        if (now.isBefore(nextPass)) {
            return;
        }
        if (firstPass) {
            InternalTopicsFeed.InitialConfigs initial = feed.awaitInitialConfigs(FEED_LOAD_WAIT);
            if (initial == null) {
                log.warn("The worker's config topic could not be read within {}: polling the herder instead",
                        FEED_LOAD_WAIT);
                feed.close();
                feed = null;
                return;
            }
            feedPasses.first(initial, clock.instant());
            firstPass = false;
            slices.start(now, detector.knownCount());
        } else if (feedPasses.slice(slices, now)) {
            pluginsSent = false; // a resync cycle ended: the plugin list goes again
        }
        afterPass(now);
    }

    private void pollingStep(Instant now) {
        if (!polling.busy() && !now.isBefore(nextPass)) {
            polling.begin(slices, now);
        }
        if (polling.finish(now, settings.reconcileInterval())) {
            if (firstPass) {
                firstPass = false;
                slices.start(now, detector.knownCount());
            } else if (polling.endedCycle()) {
                pluginsSent = false;
            }
            afterPass(now);
        }
    }

    private void afterPass(Instant now) {
        nextPass = now.plus(settings.reconcileInterval());
        if (!pluginsSent) {
            reportPlugins(now);
        }
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
        } else if (pluginsReader.authenticationRequired()) {
            pluginsSent = true; // refused for want of credentials: again at the next resync, not every pass
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
            if (feed != null) {
                feed.close();
            }
            reader.close();
            delivery.close(settings.closeDeadline());
        }
    }
}
