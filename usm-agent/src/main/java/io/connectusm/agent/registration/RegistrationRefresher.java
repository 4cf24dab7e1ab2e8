package io.connectusm.agent.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectusm.agent.spool.Spool;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.api.UsmConnectionException;
import io.connectusm.api.UsmProtocolException;
import io.connectusm.events.ClusterRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RegistrationMap} current: loads the static file and the on-disk cache at start (so a
 * restart works while the endpoint is down), pulls from the endpoint at start and on an interval, rewrites
 * the cache after each pull, drops the spooled events of clusters that disappeared, and reports sightings
 * of unregistered clusters to the endpoint.
 *
 * <p>Thread-safe; pulls run on the scheduler one at a time. Lifecycle: {@link #loadLocal()},
 * {@link #start}, {@link #close()}.
 */
public final class RegistrationRefresher implements AutoCloseable {

    /** The cache file name inside the spool directory. */
    public static final String CACHE_FILE = "registrations-cache.json";

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationRefresher.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RegistrationMap registrations;
    private final Path staticFile;
    private final Path cacheFile;
    private final UsmApiClient api;
    private final String environment;
    private final ClusterActivity activity;
    private final Spool spool;
    private final RegistrationMetrics metrics;
    private final String agentId;
    private final Clock clock;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile long lastSoonMillis = Long.MIN_VALUE / 2;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> schedule;

    /**
     * @param staticFile the operator's registrations file, or {@code null}
     * @param cacheFile  where the last pull is kept
     * @param api        the endpoint, or {@code null} when none is configured
     * @param environment the environment whose registrations are pulled (with {@code api})
     * @param agentId    this agent's ID, reported with sightings
     */
    public RegistrationRefresher(RegistrationMap registrations, Path staticFile, Path cacheFile, UsmApiClient api,
            String environment, ClusterActivity activity, Spool spool, RegistrationMetrics metrics, String agentId,
            Clock clock) {
        this.clock = clock;
        this.registrations = registrations;
        this.staticFile = staticFile;
        this.cacheFile = cacheFile;
        this.api = api;
        this.environment = environment;
        this.activity = activity;
        this.spool = spool;
        this.metrics = metrics;
        this.agentId = agentId;
    }

    /**
     * Loads the static file (a broken one fails start-up: it is the operator's config) and the cache (a
     * broken one is ignored: the next pull rewrites it).
     *
     * @throws IOException when the static file cannot be read or parsed (the message names it)
     */
    public void loadLocal() throws IOException {
        if (staticFile != null) {
            try {
                registrations.replaceStatic(RegistrationsJson.parse(Files.readAllBytes(staticFile)));
            } catch (IOException e) {
                throw new IOException("cannot read registrations from " + staticFile + ": " + e.getMessage(), e);
            }
        }
        if (api != null && Files.exists(cacheFile)) {
            try {
                registrations.replaceFromEndpoint(RegistrationsJson.parse(Files.readAllBytes(cacheFile)));
                LOG.info("loaded {} cached registrations from {}", registrations.size(), cacheFile);
            } catch (IOException e) {
                LOG.warn("ignoring the registrations cache {} ({}); the next pull rewrites it", cacheFile,
                        e.getMessage());
            }
        }
        if (api == null && staticFile == null) {
            registrations.markLoaded();
        }
    }

    /** Pulls now and then every {@code interval}; without an endpoint, does nothing. */
    public void start(ScheduledExecutorService scheduler, Duration interval) {
        this.scheduler = scheduler;
        if (api != null) {
            schedule = scheduler.scheduleWithFixedDelay(this::refreshOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Least time between two {@link #refreshSoon()} pulls, so rejected traffic cannot hammer the endpoint. */
    public static final Duration MIN_SOON_SPACING = Duration.ofSeconds(10);

    /**
     * Asks for a pull and sightings report soon (a cluster was rejected here or by the endpoint: maybe it was
     * just registered, and its sighting is news); at most one per {@link #MIN_SOON_SPACING}.
     */
    public void refreshSoon() {
        long now = clock.millis();
        if (now - lastSoonMillis < MIN_SOON_SPACING.toMillis()) {
            return;
        }
        if (api != null && scheduler != null && refreshQueued.compareAndSet(false, true)) {
            lastSoonMillis = now;
            scheduler.execute(() -> {
                refreshQueued.set(false);
                refreshOnce();
            });
        }
    }

    /** One pull and sightings report; failures are logged and counted, never thrown. */
    public synchronized void refreshOnce() {
        if (api == null) {
            return;
        }
        try {
            // usm-api follows metadata.next only within the endpoint's origin: the API key goes nowhere else.
            List<Registration> pulled = RegistrationsJson.fromClusters(api.connectClusters(environment));
            Set<ClusterRef> removed = registrations.replaceFromEndpoint(pulled);
            writeCache(pulled);
            if (!removed.isEmpty()) {
                LOG.warn("Connect clusters {} were deregistered; dropping their spooled events", removed);
                spool.dropClusters(removed);
            }
            reportSightings();
        } catch (IOException | UsmApiException | UsmConnectionException | UsmProtocolException e) {
            if (e instanceof UsmConnectionException c && c.reason() == UsmConnectionException.Reason.INTERRUPTED) {
                return; // shutting down; usm-api kept the thread's interrupt flag
            }
            metrics.refreshFailures.inc();
            LOG.warn("cannot refresh registrations from the endpoint: {}: {}", e.getClass().getSimpleName(),
                    e.getMessage());
        } catch (RuntimeException e) {
            metrics.refreshFailures.inc();
            LOG.warn("cannot refresh registrations from the endpoint", e);
        }
    }

    private void writeCache(List<Registration> pulled) throws IOException {
        Path temp = cacheFile.resolveSibling(CACHE_FILE + ".tmp");
        Files.write(temp, RegistrationsJson.write(pulled));
        Files.move(temp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void reportSightings() {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode sightings = body.putArray("sightings");
        for (ClusterActivity.Sighting sighting : activity.sightings()) {
            if (registrations.lookup(sighting.cluster()).isPresent()) {
                continue;
            }
            ObjectNode node = sightings.addObject()
                    .put("kafka_cluster_id", sighting.cluster().kafkaClusterId())
                    .put("connect_cluster_id", sighting.cluster().connectClusterId())
                    .put("connector_count", sighting.connectorCount())
                    .put("first_seen", sighting.firstSeen().toString())
                    .put("last_seen", sighting.lastSeen().toString())
                    .put("agent_id", agentId);
            node.putObject("environment").put("id", environment);
        }
        if (sightings.isEmpty()) {
            return;
        }
        try {
            api.reportSightings(body);
        } catch (UsmApiException e) {
            metrics.refreshFailures.inc();
            LOG.warn("the endpoint answered {} to our sightings: {}", e.status(), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
