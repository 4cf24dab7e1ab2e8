package io.connectusm.extension;

import io.connectusm.events.EventCodec;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka Connect REST extension that reports this Connect cluster's connectors (masked configs, states,
 * tasks) as CloudEvents to a USM agent. Enable it with {@code rest.extension.classes} and the
 * {@code confluent.connect.metadata.events.*} worker properties (see {@code docs/worker-extension.md}).
 *
 * <p>Wiring only: {@link #configure(Map)} validates the properties and the TLS material (a bad value fails
 * the worker's start); {@link #register(ConnectRestExtensionContext)} registers {@link ConnectorChangeFilter}
 * and starts the emitter's daemon thread; {@link #close()} stops it within a deadline. When
 * {@code enabled} is false or absent nothing is started and no socket is opened.
 *
 * <p>The worker calls these methods once each, in that order, from one thread; the constructor does nothing.
 */
public final class MetadataEventsRestExtension implements ConnectRestExtension {

    private static final Logger log = LoggerFactory.getLogger(MetadataEventsRestExtension.class);
    private static final String VERSION_RESOURCE = "worker-extension-version.properties";

    private MetadataEventsConfig config;
    private TlsContextFactory.Tls tls;
    private WorkerIdentity identity;
    private ReconcileLoop loop;

    /** Called by the worker (via ServiceLoader or {@code rest.extension.classes}); does no work. */
    public MetadataEventsRestExtension() {
    }

    @Override
    public void configure(Map<String, ?> workerProps) {
        config = new MetadataEventsConfig(workerProps);
        if (!config.enabled()) {
            return;
        }
        tls = TlsContextFactory.create(config);
        identity = WorkerIdentity.fromWorkerProps(workerProps);
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        if (config == null || !config.enabled()) {
            log.info("Connector metadata events are disabled ({}=false)", MetadataEventsConfig.ENABLED_CONFIG);
            return;
        }
        // The worker registers extensions with its delegating plugin loader as context loader: through it
        // connector, transform and converter classes (and their aliases) resolve as the worker resolves them.
        ClassLoader pluginLoader = Thread.currentThread().getContextClassLoader();
        SecretMasker masker = new SecretMasker(new PasswordKeyResolver(pluginLoader, config.originals()),
                SensitiveNamePatterns.withDefaultsAnd(config.extraSensitiveKeyPatterns()));
        ConnectorChanges changes = new ConnectorChanges();
        Clock clock = Clock.systemUTC();
        PendingEvents pending = new PendingEvents(config.historyMaxTransitions(), clock.instant());
        EventSender sender = new EventSender(config.baseUrls(), tls, config.requestTimeout(), config.apiKey(),
                config.apiSecret() == null ? null : config.apiSecret().value());
        DeliveryLoop delivery = new DeliveryLoop(pending, sender, new EventCodec()::encodeBatch,
                config.batchMaxEvents(), config.retryBackoffMax(), clock);
        ReconcileLoop.Settings settings = new ReconcileLoop.Settings(config.connectClusterId(),
                config.reconcileInterval(), config.resyncInterval(),
                config.requestTimeout().plus(Duration.ofSeconds(1)));
        loop = new ReconcileLoop(settings, new ConnectorObserver(context.clusterState(), masker),
                new WorkerPluginsReader(config.requestTimeout()), pending, delivery, changes, identity, clock);
        changes.reportDeletionsWith(loop::reportDeletedNow);
        context.configurable().register(new ConnectorChangeFilter(changes, identity));
        loop.start();
        log.info("Started {}", config.describe());
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }

    @Override
    public String version() {
        Properties properties = new Properties();
        try (InputStream in = MetadataEventsRestExtension.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to the default: version() must never fail or be blank
        }
        String version = properties.getProperty("version", "").trim();
        return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
    }
}
