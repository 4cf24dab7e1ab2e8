package io.connectusm.extension;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka Connect REST extension that reports this Connect cluster's connectors (masked configs, states,
 * tasks) as CloudEvents to a USM agent. Enable it with {@code rest.extension.classes} and the
 * {@code confluent.connect.metadata.events.*} worker properties (see {@code docs/worker-extension.md}). One build
 * serves Kafka 3.9 ({@code javax.ws.rs}, Java 11) to 4.4 ({@code jakarta.ws.rs}).
 *
 * <p>Wiring only: {@link #configure(Map)} validates the properties and the TLS material;
 * {@link #register(ConnectRestExtensionContext)} has {@link ExtensionComponents} build the object graph, register
 * the change filter of the worker's JAX-RS namespace and start the emitter's daemon threads; {@link #close()} stops
 * them within a deadline. When {@code enabled} is false or absent nothing is started and no socket is opened.
 *
 * <p>Where the line is: a bad value of one of our keys (what {@link MetadataEventsConfig} or
 * {@link TlsContextFactory} rejects: a malformed URL, a missing store file, a wrong password) fails the worker's
 * start with a {@link ConfigException} naming the key — the operator set it and can fix it. Anything else that
 * goes wrong in these three methods (a class, method or module the worker lacks, an unexpected exception) is
 * logged once at ERROR ({@link ExtensionFailure}) and leaves the extension off while the worker starts and serves.
 *
 * <p>The worker calls these methods once each, in that order, from one thread; the constructor does nothing.
 */
public final class MetadataEventsRestExtension implements ConnectRestExtension {

    private static final Logger log = LoggerFactory.getLogger(MetadataEventsRestExtension.class);
    private static final String VERSION_RESOURCE = "worker-extension-version.properties";

    private MetadataEventsConfig config;
    private TlsContextFactory.Tls tls;
    private WorkerIdentity identity;
    private FeedSettings feed;
    private ReconcileLoop loop;
    private boolean off;

    /** Called by the worker (via ServiceLoader or {@code rest.extension.classes}); does no work. */
    public MetadataEventsRestExtension() {
    }

    @Override
    public void configure(Map<String, ?> workerProps) {
        try {
            config = new MetadataEventsConfig(workerProps);
            if (!config.enabled()) {
                return;
            }
            tls = TlsContextFactory.create(config);
            identity = WorkerIdentity.fromWorkerProps(workerProps);
            feed = config.followsTopics() ? FeedSettings.fromWorkerProps(workerProps) : null;
        } catch (ConfigException e) {
            throw e; // a bad value of one of our keys: the worker must not start (see the class comment)
        } catch (RuntimeException | LinkageError e) {
            turnOff("configure()", e);
        }
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        if (off) {
            return; // configure() said why
        }
        if (config == null || !config.enabled()) {
            log.info("Connector metadata events are disabled ({}=false)", MetadataEventsConfig.ENABLED_CONFIG);
            return;
        }
        try {
            loop = ExtensionComponents.start(config, tls, identity, feed, context);
        } catch (RuntimeException | LinkageError e) {
            turnOff("register()", e);
        }
    }

    @Override
    public void close() {
        try {
            stopLoop();
        } catch (RuntimeException | LinkageError e) {
            log.error("Connector metadata events did not stop cleanly: {}", ExtensionFailure.describe(e));
        }
    }

    private void stopLoop() {
        if (loop != null) {
            ReconcileLoop stopping = loop;
            loop = null;
            stopping.close();
        }
    }

    private void turnOff(String during, Throwable error) {
        off = true;
        ExtensionFailure.logOff(log, during, error);
    }

    @Override
    public String version() {
        Properties properties = new Properties();
        try (InputStream in = MetadataEventsRestExtension.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the default: version() must never fail or be blank
        }
        String version = properties.getProperty("version", "").trim();
        return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
    }
}
