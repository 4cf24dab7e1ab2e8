package io.connectusm.endpoint;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * A running USM-style endpoint: the {@code usm/v1} API, event ingest, the read API and the web page, over
 * HTTPS (or plain HTTP on loopback), backed by the embedded database under {@code data.dir}.
 *
 * <p>Lifecycle: {@link #start(EndpointConfig)} opens the database (applying migrations), binds, and returns
 * the handle; {@link #close()} stops accepting, drains, stops the blocking executor and closes the database.
 * The Java API for the quickstart and tests: {@link #port()}, {@link #baseUrl()}, {@link #apiKeys()}.
 * Thread-safe.
 */
public final class UsmEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsmEndpoint.class);
    private static final int EXECUTOR_QUEUE = 1_000;

    private final Database database;
    private final ApiKeys apiKeys;
    private final RegistrationStore registrations;
    private final ThreadPoolExecutor blockingExecutor;
    private final EndpointServer server;
    private final int port;
    private final String baseUrl;

    private UsmEndpoint(Database database, ApiKeys apiKeys, RegistrationStore registrations,
                        ThreadPoolExecutor blockingExecutor, EndpointServer server, int port, String baseUrl) {
        this.database = database;
        this.apiKeys = apiKeys;
        this.registrations = registrations;
        this.blockingExecutor = blockingExecutor;
        this.server = server;
        this.port = port;
        this.baseUrl = baseUrl;
    }

    /** Opens the database, binds the listener and starts serving. */
    public static UsmEndpoint start(EndpointConfig config) throws InterruptedException {
        Database database = Database.open(config.dataDir());
        ThreadPoolExecutor executor = null;
        try {
            IdGenerator ids = new IdGenerator();
            ApiKeys apiKeys = new ApiKeys(database, false, config.apiKeyHashIterations());
            RegistrationStore registrations = new RegistrationStore(database, ids);
            ApiRouter router = ApiRouter.over(database, apiKeys, ids, config.defaultEnvironment());
            executor = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(EXECUTOR_QUEUE), threadFactory());
            EndpointServer server = new EndpointServer(config, router, executor);
            int port = server.start();
            String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
            String baseUrl = (config.tlsEnabled() ? "https://" : "http://") + host + ":" + port;
            router.baseUrl(baseUrl);
            log.info("usm-endpoint listening on {} (data dir {})", baseUrl, config.dataDir().toAbsolutePath());
            return new UsmEndpoint(database, apiKeys, registrations, executor, server, port, baseUrl);
        } catch (RuntimeException | InterruptedException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            database.close();
            throw e;
        }
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

    /** Create, list and delete API keys of this endpoint. */
    public ApiKeys apiKeys() {
        return apiKeys;
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
            return registrations.createKafkaCluster(environment, cpKafkaClusterId, cpKafkaClusterId,
                    Cloud.parse("cloud", cloud), region).id();
        } catch (UsmApiException e) {
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
            return registrations.createConnectCluster(environment, cpConnectClusterId, cpKafkaClusterId, null, null,
                    null).id();
        } catch (UsmApiException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public void close() {
        server.close();
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
