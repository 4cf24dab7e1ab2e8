package io.connectusm.extension;

import io.connectusm.events.EventCodec;
import io.connectusm.extension.masking.ConnectorMasking;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The extension's object graph, built in one place: what {@code register()} starts on a worker. From the settings
 * {@code configure()} validated and the worker's {@link ConnectRestExtensionContext}: the masking (over the worker's
 * plugin class loader), the hand-off of changes, the outbox, the sender and its delivery thread, the feed of the
 * worker's internal topics (when there is one), the reconcile loop with its passes (herder reader, change detector,
 * recheck windows, resync slices, polling and feed passes), and the REST change filter of the worker's
 * JAX-RS namespace, registered on its REST server.
 *
 * <p>Stateless; called once per worker, on the thread that calls {@code register()}.
 */
final class ExtensionComponents {

    private static final Logger log = LoggerFactory.getLogger(ExtensionComponents.class);

    private ExtensionComponents() {
    }

    /**
     * Builds the graph, registers the change filter and starts the threads.
     *
     * @param feedSettings the worker's internal topics to follow, or {@code null} to poll the herder
     * @return the running loop, which {@code close()} stops
     */
    static ReconcileLoop start(MetadataEventsConfig config, TlsContextFactory.Tls tls, WorkerIdentity identity,
                               FeedSettings feedSettings, ConnectRestExtensionContext context) {
        WorkerConnectApi api = WorkerConnectApi.probe(context);
        log.info("{}", api.describe());
        // The worker registers extensions with its delegating plugin loader as context loader: through it
        // connector, transform and converter classes (and their aliases) resolve as the worker resolves them.
        ClassLoader pluginLoader = Thread.currentThread().getContextClassLoader();
        ConnectorMasking masking = new ConnectorMasking(pluginLoader, config.originals(), config.maskingOptions(),
                config.traceMode());
        ConnectorChanges changes = new ConnectorChanges();
        Clock clock = Clock.systemUTC();
        PendingEvents pending = new PendingEvents(config.historyMaxTransitions(), clock.instant());
        EventSender sender = new EventSender(config.baseUrls(), tls, config.requestTimeout(),
                config.basicAuthUser(), config.basicAuthPassword());
        ResyncPacer pacer = new ResyncPacer();
        DeliveryLoop delivery = new DeliveryLoop(pending, sender, new EventCodec()::encodeBatch,
                config.batchMaxEvents(), config.retryBackoffMax(), clock, new ResyncHold(pacer::underWay));
        // Topics only from the feed: polling the herder leaves them out (unknown) rather than asking it per connector.
        ActiveTopics topics = feedSettings != null && feedSettings.tracksTopics() ? new ActiveTopics() : null;
        InternalTopicsFeed feed = feedSettings == null ? null
                : new InternalTopicsFeed(feedSettings, changes, topics, ReconcileLoop.THREAD_NAME + "-feed");
        ReconcileLoop.Settings settings = new ReconcileLoop.Settings(config.connectClusterId(),
                config.reconcileInterval(), config.resyncInterval(),
                config.requestTimeout().plus(Duration.ofSeconds(1)));
        ConnectorObserver observer = new ConnectorObserver(context.clusterState(), masking, topics);
        ReconcileLoop loop = new ReconcileLoop(settings, observer, new WorkerPluginsReader(config.requestTimeout()),
                delivery, changes, identity, feed, passes(settings, observer, pending, changes, identity, pacer, clock),
                clock);
        changes.reportDeletionsWith(loop::reportDeletedNow);
        try {
            api.namespace().registrar().register(api.configurable(), new RestChangeInterpreter(changes, identity,
                    config.auditClientAddress(), clock));
            loop.start();
        } catch (RuntimeException | LinkageError e) {
            loop.close(); // whatever had started
            throw e;
        }
        log.info("Started {}; changes REST never sees: {}", config.describe(),
                feedSettings == null ? "polling the herder" : "following the worker's " + feedSettings);
        return loop;
    }

    /** The reconcile loop's passes over one observer, sharing one detector and one set of recheck windows. */
    private static ReconcileLoop.Passes passes(ReconcileLoop.Settings settings, ConnectorObserver observer,
            PendingEvents pending, ConnectorChanges changes, WorkerIdentity identity, ResyncPacer pacer, Clock clock) {
        HerderReader reader = new HerderReader(observer, changes::wakeUp, ReconcileLoop.THREAD_NAME + "-reader");
        ChangeDetector detector = new ChangeDetector(observer, pending, identity, clock, changes.actors());
        RecheckWindows rechecks = new RecheckWindows(detector, reader);
        return new ReconcileLoop.Passes(reader, detector, rechecks,
                new ResyncSlices(settings.reconcileInterval(), settings.resyncInterval()),
                new PollingPasses(observer, reader, detector, rechecks), new FeedPasses(observer, detector, rechecks, pacer));
    }
}
