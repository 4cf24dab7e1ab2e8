package io.connectusm.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.ingest.IngestScrubCounts;
import io.connectusm.endpoint.http.EndpointServer;
import io.connectusm.endpoint.http.ServerSettings;
import io.connectusm.endpoint.metrics.MetricsServer;
import io.connectusm.endpoint.store.Cloud;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.DatabaseInUseException;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.store.HistoryRetention;
import io.connectusm.endpoint.store.RegistrationRefusedException;
import io.connectusm.endpoint.store.RegistrationStore;
import io.connectusm.endpoint.store.StoreException;
import io.connectusm.endpoint.webhooks.WebhookDispatcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running USM-style endpoint: the {@code usm/v1} API, event ingest, the read API and the web console, over
 * HTTPS (or plain HTTP on loopback), backed by the embedded H2 database under {@code data.dir} or by the
 * PostgreSQL database of {@code database.url}, which several replicas may share: a replica keeps nothing a request
 * needs in its own memory only, so any replica serves any request.
 *
 * <p>Lifecycle: {@link #start(EndpointConfig)} opens the database (applying migrations), binds, starts the history
 * retention job, and returns the handle; {@link #close()} stops accepting, drains, stops the job and the blocking
 * executor and closes the database.
 * The Java API for the quickstart and tests: {@link #port()}, {@link #baseUrl()}, {@link #apiKeys()}; and
 * {@link #openApiKeys(EndpointConfig)} to manage keys while no endpoint runs. Thread-safe.
 */
public final class UsmEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsmEndpoint.class);
    private static final int EXECUTOR_QUEUE = 1_000;

    private final Database database;
    private final HistoryRetention retention;
    private final WebhookDispatcher webhooks;
    private final MetricsServer metrics;
    private final EndpointComponents components;
    private final ThreadPoolExecutor blockingExecutor;
    private final EndpointServer server;
    private final int port;
    private final String baseUrl;

    private UsmEndpoint(Database database, HistoryRetention retention, WebhookDispatcher webhooks,
                        MetricsServer metrics, EndpointComponents components, ThreadPoolExecutor blockingExecutor,
                        EndpointServer server, int port, String baseUrl) {
        this.database = database;
        this.retention = retention;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.components = components;
        this.blockingExecutor = blockingExecutor;
        this.server = server;
        this.port = port;
        this.baseUrl = baseUrl;
    }

    /**
     * Opens the database, binds the listener and starts serving.
     *
     * @throws DatabaseInUseException when another endpoint process holds the H2 file
     */
    public static UsmEndpoint start(EndpointConfig config) throws InterruptedException {
        Database database = openDatabase(config);
        ThreadPoolExecutor executor = null;
        HistoryRetention retention = null;
        WebhookDispatcher webhooks = null;
        MetricsServer metrics = null;
        try {
            EndpointComponents components = EndpointComponents.over(database, config);
            executor = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(EXECUTOR_QUEUE), threadFactory());
            EndpointServer server = new EndpointServer(new ServerSettings(config.bindAddress(), config.port(),
                    EndpointTls.serverContext(config), config.idleTimeoutMs(), config.requestMaxBytes(),
                    config.requestTimeoutMs(), config.maxConnectionsPerPeer()),
                    components.router(), executor);
            int port = server.start();
            String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
            String baseUrl = (config.tlsEnabled() ? "https://" : "http://") + host + ":" + port;
            retention = new HistoryRetention(database, config.historyRetention(), Clock.systemUTC(),
                    config.bindAddress() + ":" + port);
            retention.start();
            webhooks = new WebhookDispatcher(components.outbox(), components.webhooks(), config.webhookSettings(),
                    components.metrics(), Clock.systemUTC(), config.bindAddress() + ":" + port);
            webhooks.start();
            if (config.metricsPort() >= 0) {
                metrics = MetricsServer.start(config.metricsBindAddress(), config.metricsPort(),
                        components.metrics().registry());
                log.info("usm-endpoint metrics on http://{}:{}/metrics", config.metricsBindAddress(), metrics.port());
            }
            log.info("usm-endpoint listening on {} (database {}, {} webhooks)", baseUrl, database.describe(),
                    components.webhooks().size());
            return new UsmEndpoint(database, retention, webhooks, metrics, components, executor, server, port,
                    baseUrl);
        } catch (RuntimeException | InterruptedException e) {
            if (metrics != null) {
                metrics.close();
            }
            if (webhooks != null) {
                webhooks.close();
            }
            if (retention != null) {
                retention.close();
            }
            if (executor != null) {
                executor.shutdownNow();
            }
            database.close();
            throw e;
        }
    }

    /** The configured database, opened and migrated; the data directory is created owner-only for the default H2 file. */
    private static Database openDatabase(EndpointConfig config) {
        DatabaseSettings settings = config.databaseSettings();
        return config.getString(EndpointConfig.DATABASE_URL_CONFIG).isEmpty()
                ? Database.openIn(config.dataDir(), settings) : Database.open(settings);
    }

    /**
     * Opens the API keys of the endpoint's database directly, e.g. to bootstrap the first admin key before the
     * first start. Close the result.
     *
     * @throws DatabaseInUseException when a running endpoint process holds the H2 file (a PostgreSQL database
     *                                is never held: keys can be managed this way while replicas run)
     * @throws IllegalStateException  when the database cannot be opened for another reason
     */
    public static ApiKeys openApiKeys(EndpointConfig config) {
        Database database;
        try {
            database = openDatabase(config);
        } catch (StoreException | UncheckedIOException e) {
            throw new IllegalStateException("cannot open the endpoint database " + config.databaseSettings()
                    .describe() + ": " + e.getMessage(), e);
        }
        return ApiKeys.owning(database, config.apiKeyHashIterations());
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "usm-endpoint-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** {@code https://host:port} (or {@code http://} on plain loopback), without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The metrics listener's port, or -1 when {@code metrics.port} turned it off. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Create, list and delete API keys of this endpoint. */
    public ApiKeys apiKeys() {
        return components.apiKeys();
    }

    /**
     * What the ingest scrub removed from received events since this endpoint started, by kind: the counter of the
     * metric {@value IngestScrubCounts#METRIC_NAME}.
     */
    public IngestScrubCounts ingestScrubCounts() {
        return components.scrubbed();
    }

    /**
     * Registers a Kafka cluster as {@code POST /usm/v1/kafka-clusters} would (for quickstarts and tests).
     *
     * @param cloud {@code aws}, {@code azure} or {@code gcp}
     * @return its {@code usmkc-} ID
     * @throws IllegalArgumentException when refused (bad value, already registered), with the API's detail
     */
    public String registerKafkaCluster(String environment, String cpKafkaClusterId, String cloud, String region) {
        try {
            return registrations().createKafkaCluster(environment, cpKafkaClusterId, cpKafkaClusterId,
                    Cloud.parse("cloud", cloud), region).id();
        } catch (RegistrationRefusedException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Registers a Connect cluster as {@code POST /usm/v1/connect-clusters} would; cloud and region are its Kafka
     * cluster's.
     *
     * @return its {@code usmcc-} ID
     * @throws IllegalArgumentException when refused (Kafka cluster not registered, already registered)
     */
    public String registerConnectCluster(String environment, String cpKafkaClusterId, String cpConnectClusterId) {
        try {
            return registrations().createConnectCluster(environment, cpConnectClusterId, cpKafkaClusterId, null,
                    null, null).id();
        } catch (RegistrationRefusedException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private RegistrationStore registrations() {
        return components.stores().registrations();
    }

    @Override
    public void close() {
        server.close();
        if (metrics != null) {
            metrics.close();
        }
        webhooks.close();
        retention.close();
        blockingExecutor.shutdown();
        try {
            if (!blockingExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                blockingExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            blockingExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        database.close();
        log.info("usm-endpoint on {} stopped", baseUrl);
    }
}
