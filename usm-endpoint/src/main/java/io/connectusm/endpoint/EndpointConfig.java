package io.connectusm.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.connectusm.endpoint.api.InputRules;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.store.HistoryRetention;
import io.connectusm.endpoint.webhooks.WebhookConfig;
import io.connectusm.endpoint.webhooks.WebhookDispatcher;

import io.connectusm.support.ConfigReferenceException;
import io.connectusm.support.ConfigReferences;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the endpoint, declared once in {@link #CONFIG_DEF} (Kafka style: each key has an
 * {@code X_CONFIG} name, an {@code X_DOC} and, where it has one, an {@code X_DEFAULT}).
 *
 * <p>Construction validates the values and the rules that span keys (plain HTTP only on loopback), so a
 * bad file fails at start with a {@link ConfigException} naming the key. Secrets are {@link Password}s whose
 * {@code toString()} is {@code [hidden]}. Immutable and thread-safe once built. Use
 * {@link EndpointConfigLoader} to read a properties file with {@code USM_ENDPOINT_<KEY>} overrides.
 *
 * <p>Longer than ~300 lines for a reason: one {@code X_CONFIG}/{@code X_DOC}/{@code X_DEFAULT} triple per key (as
 * Kafka's own configs), in one class, because the docs' config table is generated from this one {@code ConfigDef};
 * the settings objects each part takes ({@code DatabaseSettings}, retention, webhooks) are built here from it.
 */
public final class EndpointConfig extends AbstractConfig {

    public static final String BIND_ADDRESS_CONFIG = "bind.address";
    public static final String BIND_ADDRESS_DOC = "The address the HTTP(S) listener binds to. Plain HTTP (no keystore) "
            + "is only allowed when this is a loopback address.";
    public static final String BIND_ADDRESS_DEFAULT = "127.0.0.1";

    public static final String PORT_CONFIG = "port";
    public static final String PORT_DOC = "The listener's TCP port; 0 picks a free port (see UsmEndpoint.port()).";
    public static final int PORT_DEFAULT = 8443;

    public static final String DATA_DIR_CONFIG = "data.dir";
    public static final String DATA_DIR_DOC = "Directory of the embedded H2 database file (created if missing) "
            + "when database.url is empty. Registrations, connectors, history, sightings and API keys live there and "
            + "survive restarts.";
    public static final String DATA_DIR_DEFAULT = "usm-endpoint-data";

    public static final String DATABASE_URL_CONFIG = "database.url";
    public static final String DATABASE_URL_DOC = "JDBC URL of the database: empty for the H2 file under data.dir "
            + "(one endpoint process), jdbc:h2:file:PATH for an H2 file elsewhere, or jdbc:postgresql://HOST:PORT/DB "
            + "for PostgreSQL, which several endpoint replicas can share. Never with a password in it.";

    public static final String DATABASE_USER_CONFIG = "database.user";
    public static final String DATABASE_USER_DOC = "Database user.";
    public static final String DATABASE_USER_DEFAULT = DatabaseSettings.DEFAULT_USER;

    public static final String DATABASE_PASSWORD_CONFIG = "database.password";
    public static final String DATABASE_PASSWORD_DOC = "Password of database.user, as ${file:PATH:KEY} or ${env:NAME} "
            + "(a literal only from the environment variable or the Java API, never in the properties file). "
            + "Unset for an H2 file.";

    public static final String DATABASE_POOL_MAX_SIZE_CONFIG = "database.pool.max.size";
    public static final String DATABASE_POOL_MAX_SIZE_DOC = "Most database connections this process keeps open "
            + "(HikariCP pool); the sum over replicas must stay under the server's max_connections.";
    public static final int DATABASE_POOL_MAX_SIZE_DEFAULT = DatabaseSettings.DEFAULT_POOL_SIZE;

    public static final String HISTORY_RETENTION_DAYS_CONFIG = "history.retention.days";
    public static final String HISTORY_RETENTION_DAYS_DOC = "Connector history entries older than this many days "
            + "(by their event's time) are deleted by the retention job.";
    public static final int HISTORY_RETENTION_DAYS_DEFAULT = 90;

    public static final String HISTORY_MAX_ROWS_PER_CONNECTOR_CONFIG = "history.max.rows.per.connector";
    public static final String HISTORY_MAX_ROWS_PER_CONNECTOR_DOC = "Each connector keeps at most this many history "
            + "entries, the newest; the retention job deletes the rest.";
    public static final int HISTORY_MAX_ROWS_PER_CONNECTOR_DEFAULT = 1_000;

    public static final String HISTORY_RETENTION_INTERVAL_MS_CONFIG = "history.retention.interval.ms";
    public static final String HISTORY_RETENTION_INTERVAL_MS_DOC = "How often the retention job runs, across all "
            + "replicas (one replica at a time, under a database lock).";
    public static final long HISTORY_RETENTION_INTERVAL_MS_DEFAULT = 3_600_000L;

    public static final String PUBLIC_URL_CONFIG = "public.url";
    public static final String PUBLIC_URL_DOC = "The endpoint's address as clients reach it (e.g. https://usm.example.com, "
            + "a load balancer's), scheme://host[:port] without a path. Absolute links in responses are built from it; "
            + "empty: links are relative. Also an accepted Origin of state-changing requests. Never the request's Host.";

    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_LOCATION_DOC = "PKCS12 keystore with the server certificate and key "
            + "(e.g. keystore.p12 written by 'usm certs issue'). Empty means plain HTTP, allowed on loopback only.";

    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "ssl.keystore.password";
    public static final String SSL_KEYSTORE_PASSWORD_DOC = "Password of the keystore (and of its key).";

    public static final String DEFAULT_ENVIRONMENT_CONFIG = "default.environment";
    public static final String DEFAULT_ENVIRONMENT_DOC = "Environment used when a registration or sighting names none. "
            + "Lists always need an explicit 'environment' query parameter.";
    public static final String DEFAULT_ENVIRONMENT_DEFAULT = "env-default";

    public static final String REQUEST_MAX_BYTES_CONFIG = "request.max.bytes";
    public static final String REQUEST_MAX_BYTES_DOC = "Largest request body accepted; larger ones get 413.";
    public static final int REQUEST_MAX_BYTES_DEFAULT = 4 * 1024 * 1024;

    public static final String IDLE_TIMEOUT_MS_CONFIG = "idle.timeout.ms";
    public static final String IDLE_TIMEOUT_MS_DOC = "A connection with no read or write for this long is closed.";
    public static final int IDLE_TIMEOUT_MS_DEFAULT = 60_000;

    public static final String WORKER_THREADS_CONFIG = "worker.threads";
    public static final String WORKER_THREADS_DOC = "Threads that run database work and secret hashing, off the event loop.";
    public static final int WORKER_THREADS_DEFAULT = 4;

    public static final String API_KEY_HASH_ITERATIONS_CONFIG = "api.key.hash.iterations";
    public static final String API_KEY_HASH_ITERATIONS_DOC = "PBKDF2WithHmacSHA256 iterations for newly created API "
            + "secrets; each stored key remembers its own count.";
    public static final int API_KEY_HASH_ITERATIONS_DEFAULT = 310_000;

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_DOC = "A request must arrive whole (line, headers, body) within this "
            + "long of its first byte, else the connection is closed: a client dripping bytes cannot hold it open.";
    public static final int REQUEST_TIMEOUT_MS_DEFAULT = 30_000;

    public static final String MAX_CONNECTIONS_PER_PEER_CONFIG = "max.connections.per.peer";
    public static final String MAX_CONNECTIONS_PER_PEER_DOC = "Most simultaneous connections from one remote IP address; "
            + "more are closed at once, before their TLS handshake.";
    public static final int MAX_CONNECTIONS_PER_PEER_DEFAULT = 64;


    public static final String SESSION_SIGNING_KEY_CONFIG = "session.signing.key";
    public static final String SESSION_SIGNING_KEY_DOC = "File holding the key (at least 32 bytes) that signs console "
            + "session cookies and form tokens. Empty: a key generated once and kept in the database, which every "
            + "replica on it shares (sessions survive restarts).";

    public static final String SESSION_MAX_AGE_SECONDS_CONFIG = "session.max.age.seconds";
    public static final String SESSION_MAX_AGE_SECONDS_DOC = "How long a console session lasts after login.";
    public static final int SESSION_MAX_AGE_SECONDS_DEFAULT = 8 * 3600;

    public static final String LOGIN_FAILURES_BURST_CONFIG = "login.failures.burst";
    public static final String LOGIN_FAILURES_BURST_DOC = "Failed logins (basic auth or login form) one source IP may make "
            + "in a row before it is throttled (429); the secret hash is not computed for a throttled source.";
    public static final int LOGIN_FAILURES_BURST_DEFAULT = 10;

    public static final String LOGIN_FAILURES_PER_MINUTE_CONFIG = "login.failures.per.minute";
    public static final String LOGIN_FAILURES_PER_MINUTE_DOC = "Failed logins per minute one source IP regains after "
            + "its burst is spent (the token bucket's refill rate).";
    public static final int LOGIN_FAILURES_PER_MINUTE_DEFAULT = 10;

    public static final String EVENTS_MAX_FUTURE_MS_CONFIG = "events.max.future.ms";
    public static final String EVENTS_MAX_FUTURE_MS_DOC = "A batch holding an event dated more than this after the "
            + "endpoint's clock is rejected whole with 400, so a worker with a clock ahead cannot pin a connector's "
            + "state (newest wins) in the future.";
    public static final long EVENTS_MAX_FUTURE_MS_DEFAULT = 300_000L;

    public static final String CLUSTER_RESYNC_INTERVAL_MS_CONFIG = "cluster.resync.interval.ms";
    public static final String CLUSTER_RESYNC_INTERVAL_MS_DOC = "The resync interval of the clusters' workers (the "
            + "extension's confluent.connect.metadata.events.resync.interval.ms, whose default this is): even with "
            + "nothing changing, every cluster reports at least this often (each worker's inventory, which its agent "
            + "always forwards), so the console flags a cluster stale once nothing has arrived from it for more than "
            + "twice this long.";
    public static final long CLUSTER_RESYNC_INTERVAL_MS_DEFAULT = 3_600_000L;

    public static final String SIGHTINGS_MAX_PER_ENVIRONMENT_CONFIG = "sightings.max.per.environment";
    public static final String SIGHTINGS_MAX_PER_ENVIRONMENT_DOC = "Most sightings kept per environment; the ones "
            + "seen longest ago are dropped beyond it.";
    public static final int SIGHTINGS_MAX_PER_ENVIRONMENT_DEFAULT = 1000;

    public static final String SIGHTINGS_MAX_PER_REQUEST_CONFIG = "sightings.max.per.request";
    public static final String SIGHTINGS_MAX_PER_REQUEST_DOC = "Most sightings one POST /usm/v1/sightings may carry; "
            + "more get 413.";
    public static final int SIGHTINGS_MAX_PER_REQUEST_DEFAULT = 100;

    public static final String METRICS_PORT_CONFIG = "metrics.port";
    public static final String METRICS_PORT_DOC = "Port of the metrics listener (GET /metrics, Prometheus text, no "
            + "authentication), apart from the API's; 0 picks a free port, -1 turns it off.";
    public static final int METRICS_PORT_DEFAULT = -1;

    public static final String METRICS_BIND_ADDRESS_CONFIG = "metrics.bind.address";
    public static final String METRICS_BIND_ADDRESS_DOC = "The address the metrics listener binds to: loopback by "
            + "default, since it has neither TLS nor authentication; another address exposes connector names and "
            + "states (never a config value) to whoever reaches it.";
    public static final String METRICS_BIND_ADDRESS_DEFAULT = "127.0.0.1";

    public static final String METRICS_CACHE_MS_CONFIG = "metrics.cache.ms";
    public static final String METRICS_CACHE_MS_DOC = "How long the fleet's figures, read from the database with a "
            + "few aggregate queries, are reused between scrapes.";
    public static final long METRICS_CACHE_MS_DEFAULT = 15_000L;

    public static final String METRICS_CONNECTOR_SERIES_MAX_CONFIG = "metrics.connector.series.max";
    public static final String METRICS_CONNECTOR_SERIES_MAX_DOC = "Most per-connector series (4 per connector: its "
            + "state and its tasks RUNNING, FAILED, OTHER); connectors beyond it are left out whole and counted by "
            + "usm_metrics_connectors_omitted. The per-cluster series are always complete.";
    public static final int METRICS_CONNECTOR_SERIES_MAX_DEFAULT = 100_000;

    public static final String WEBHOOKS_POLL_INTERVAL_MS_CONFIG = "webhooks.poll.interval.ms";
    public static final String WEBHOOKS_POLL_INTERVAL_MS_DOC = "How often the delivery job looks for due webhook "
            + "deliveries in the outbox (one replica at a time, under a database lock).";
    public static final long WEBHOOKS_POLL_INTERVAL_MS_DEFAULT = 1_000L;

    public static final String WEBHOOKS_RETRY_BACKOFF_MS_CONFIG = "webhooks.retry.backoff.ms";
    public static final String WEBHOOKS_RETRY_BACKOFF_MS_DOC = "Wait after a delivery's first failure; it doubles "
            + "with each further failure (with jitter) up to webhooks.retry.backoff.max.ms.";
    public static final long WEBHOOKS_RETRY_BACKOFF_MS_DEFAULT = 1_000L;

    public static final String WEBHOOKS_RETRY_BACKOFF_MAX_MS_CONFIG = "webhooks.retry.backoff.max.ms";
    public static final String WEBHOOKS_RETRY_BACKOFF_MAX_MS_DOC = "Longest wait between two attempts of a delivery.";
    public static final long WEBHOOKS_RETRY_BACKOFF_MAX_MS_DEFAULT = 300_000L;

    public static final String WEBHOOKS_MAX_AGE_MS_CONFIG = "webhooks.max.age.ms";
    public static final String WEBHOOKS_MAX_AGE_MS_DOC = "A delivery still failing this long after its transition is "
            + "dropped (logged and counted as outcome=dropped).";
    public static final long WEBHOOKS_MAX_AGE_MS_DEFAULT = 86_400_000L;

    public static final String WEBHOOKS_CLUSTER_STALE_AFTER_MS_CONFIG = "webhooks.cluster.stale.after.ms";
    public static final String WEBHOOKS_CLUSTER_STALE_AFTER_MS_DOC = "A Connect cluster that sent nothing for this "
            + "long is stale (transition cluster.stale, once per silence). Make it at least two of the workers' "
            + "resync intervals (confluent.connect.metadata.events.resync.interval.ms, 1 hour by default).";
    public static final long WEBHOOKS_CLUSTER_STALE_AFTER_MS_DEFAULT = 7_200_000L;

    /** Checks an environment ID; its {@code toString()} tells the accepted format. */
    static final class EnvironmentValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof String env) || !InputRules.isEnvironment(env)) {
                throw new ConfigException(name, value, "expected " + this);
            }
        }

        @Override
        public String toString() {
            return "env- followed by 1 to 64 letters, digits, '_' or '-'";
        }
    }

    /** Checks {@code public.url}: empty, or an http(s) origin without path, query or user info. */
    static final class PublicUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String url = value == null ? "" : value.toString().strip();
            if (url.isEmpty()) {
                return;
            }
            try {
                java.net.URI uri = new java.net.URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
                boolean ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                        && uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null
                        && uri.getFragment() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
                if (ok) {
                    return;
                }
            } catch (java.net.URISyntaxException e) {
                // same message
            }
            throw new ConfigException(name, value, "expected " + this);
        }

        @Override
        public String toString() {
            return "empty, or http(s)://host[:port] without a path";
        }
    }

    /** Checks {@code database.url}; its {@code toString()} tells the accepted format. */
    static final class DatabaseUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof String url && !url.isEmpty()) {
                try {
                    DatabaseSettings.of(url, "", null, 1);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, url.contains("?") || url.contains(";") ? "[not shown]" : url,
                            e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "empty, jdbc:h2:file:PATH or jdbc:postgresql://HOST[:PORT]/DATABASE";
        }
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BIND_ADDRESS_CONFIG, Type.STRING, BIND_ADDRESS_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, BIND_ADDRESS_DOC)
            .define(PORT_CONFIG, Type.INT, PORT_DEFAULT, Range.between(0, 65535), Importance.HIGH, PORT_DOC)
            .define(DATA_DIR_CONFIG, Type.STRING, DATA_DIR_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, DATA_DIR_DOC)
            .define(DATABASE_URL_CONFIG, Type.STRING, "", new DatabaseUrlValidator(), Importance.HIGH,
                    DATABASE_URL_DOC)
            .define(DATABASE_USER_CONFIG, Type.STRING, DATABASE_USER_DEFAULT, Importance.HIGH, DATABASE_USER_DOC)
            .define(DATABASE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, DATABASE_PASSWORD_DOC)
            .define(DATABASE_POOL_MAX_SIZE_CONFIG, Type.INT, DATABASE_POOL_MAX_SIZE_DEFAULT, Range.between(2, 500),
                    Importance.LOW, DATABASE_POOL_MAX_SIZE_DOC)
            .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.HIGH, SSL_KEYSTORE_LOCATION_DOC)
            .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, SSL_KEYSTORE_PASSWORD_DOC)
            .define(DEFAULT_ENVIRONMENT_CONFIG, Type.STRING, DEFAULT_ENVIRONMENT_DEFAULT, new EnvironmentValidator(),
                    Importance.MEDIUM, DEFAULT_ENVIRONMENT_DOC)
            .define(REQUEST_MAX_BYTES_CONFIG, Type.INT, REQUEST_MAX_BYTES_DEFAULT, Range.between(1024, 256 * 1024 * 1024),
                    Importance.LOW, REQUEST_MAX_BYTES_DOC)
            .define(IDLE_TIMEOUT_MS_CONFIG, Type.INT, IDLE_TIMEOUT_MS_DEFAULT, Range.atLeast(100),
                    Importance.LOW, IDLE_TIMEOUT_MS_DOC)
            .define(WORKER_THREADS_CONFIG, Type.INT, WORKER_THREADS_DEFAULT, Range.between(1, 256),
                    Importance.LOW, WORKER_THREADS_DOC)
            .define(API_KEY_HASH_ITERATIONS_CONFIG, Type.INT, API_KEY_HASH_ITERATIONS_DEFAULT,
                    Range.between(1_000, 10_000_000), Importance.LOW, API_KEY_HASH_ITERATIONS_DOC)
            .define(REQUEST_TIMEOUT_MS_CONFIG, Type.INT, REQUEST_TIMEOUT_MS_DEFAULT, Range.atLeast(100),
                    Importance.LOW, REQUEST_TIMEOUT_MS_DOC)
            .define(MAX_CONNECTIONS_PER_PEER_CONFIG, Type.INT, MAX_CONNECTIONS_PER_PEER_DEFAULT, Range.atLeast(1),
                    Importance.LOW, MAX_CONNECTIONS_PER_PEER_DOC)
            .define(SESSION_SIGNING_KEY_CONFIG, Type.STRING, "", Importance.MEDIUM, SESSION_SIGNING_KEY_DOC)
            .define(SESSION_MAX_AGE_SECONDS_CONFIG, Type.INT, SESSION_MAX_AGE_SECONDS_DEFAULT,
                    Range.between(60, 30 * 24 * 3600), Importance.LOW, SESSION_MAX_AGE_SECONDS_DOC)
            .define(LOGIN_FAILURES_BURST_CONFIG, Type.INT, LOGIN_FAILURES_BURST_DEFAULT, Range.atLeast(1),
                    Importance.LOW, LOGIN_FAILURES_BURST_DOC)
            .define(LOGIN_FAILURES_PER_MINUTE_CONFIG, Type.INT, LOGIN_FAILURES_PER_MINUTE_DEFAULT, Range.atLeast(1),
                    Importance.LOW, LOGIN_FAILURES_PER_MINUTE_DOC)
            .define(EVENTS_MAX_FUTURE_MS_CONFIG, Type.LONG, EVENTS_MAX_FUTURE_MS_DEFAULT, Range.atLeast(0),
                    Importance.LOW, EVENTS_MAX_FUTURE_MS_DOC)
            .define(CLUSTER_RESYNC_INTERVAL_MS_CONFIG, Type.LONG, CLUSTER_RESYNC_INTERVAL_MS_DEFAULT,
                    Range.between(1_000L, 86_400_000L), Importance.LOW, CLUSTER_RESYNC_INTERVAL_MS_DOC)
            .define(SIGHTINGS_MAX_PER_ENVIRONMENT_CONFIG, Type.INT, SIGHTINGS_MAX_PER_ENVIRONMENT_DEFAULT,
                    Range.atLeast(1), Importance.LOW, SIGHTINGS_MAX_PER_ENVIRONMENT_DOC)
            .define(SIGHTINGS_MAX_PER_REQUEST_CONFIG, Type.INT, SIGHTINGS_MAX_PER_REQUEST_DEFAULT,
                    Range.between(1, 10_000), Importance.LOW, SIGHTINGS_MAX_PER_REQUEST_DOC)
            .define(PUBLIC_URL_CONFIG, Type.STRING, "", new PublicUrlValidator(), Importance.MEDIUM, PUBLIC_URL_DOC)
            .define(HISTORY_RETENTION_DAYS_CONFIG, Type.INT, HISTORY_RETENTION_DAYS_DEFAULT,
                    Range.between(1, 36_500), Importance.MEDIUM, HISTORY_RETENTION_DAYS_DOC)
            .define(HISTORY_MAX_ROWS_PER_CONNECTOR_CONFIG, Type.INT, HISTORY_MAX_ROWS_PER_CONNECTOR_DEFAULT,
                    Range.between(1, 1_000_000), Importance.MEDIUM, HISTORY_MAX_ROWS_PER_CONNECTOR_DOC)
            .define(HISTORY_RETENTION_INTERVAL_MS_CONFIG, Type.LONG, HISTORY_RETENTION_INTERVAL_MS_DEFAULT,
                    Range.atLeast(1_000), Importance.LOW, HISTORY_RETENTION_INTERVAL_MS_DOC)
            .define(METRICS_PORT_CONFIG, Type.INT, METRICS_PORT_DEFAULT, Range.between(-1, 65535), Importance.MEDIUM,
                    METRICS_PORT_DOC)
            .define(METRICS_BIND_ADDRESS_CONFIG, Type.STRING, METRICS_BIND_ADDRESS_DEFAULT,
                    new ConfigDef.NonEmptyString(), Importance.MEDIUM, METRICS_BIND_ADDRESS_DOC)
            .define(METRICS_CACHE_MS_CONFIG, Type.LONG, METRICS_CACHE_MS_DEFAULT, Range.between(0, 3_600_000),
                    Importance.LOW, METRICS_CACHE_MS_DOC)
            .define(METRICS_CONNECTOR_SERIES_MAX_CONFIG, Type.INT, METRICS_CONNECTOR_SERIES_MAX_DEFAULT,
                    Range.between(0, 10_000_000), Importance.LOW, METRICS_CONNECTOR_SERIES_MAX_DOC)
            .define(WEBHOOKS_POLL_INTERVAL_MS_CONFIG, Type.LONG, WEBHOOKS_POLL_INTERVAL_MS_DEFAULT,
                    Range.between(10, 600_000), Importance.LOW, WEBHOOKS_POLL_INTERVAL_MS_DOC)
            .define(WEBHOOKS_RETRY_BACKOFF_MS_CONFIG, Type.LONG, WEBHOOKS_RETRY_BACKOFF_MS_DEFAULT,
                    Range.between(1, 3_600_000), Importance.LOW, WEBHOOKS_RETRY_BACKOFF_MS_DOC)
            .define(WEBHOOKS_RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, WEBHOOKS_RETRY_BACKOFF_MAX_MS_DEFAULT,
                    Range.between(1, 86_400_000), Importance.LOW, WEBHOOKS_RETRY_BACKOFF_MAX_MS_DOC)
            .define(WEBHOOKS_MAX_AGE_MS_CONFIG, Type.LONG, WEBHOOKS_MAX_AGE_MS_DEFAULT, Range.atLeast(1_000),
                    Importance.LOW, WEBHOOKS_MAX_AGE_MS_DOC)
            .define(WEBHOOKS_CLUSTER_STALE_AFTER_MS_CONFIG, Type.LONG, WEBHOOKS_CLUSTER_STALE_AFTER_MS_DEFAULT,
                    Range.atLeast(1_000), Importance.MEDIUM, WEBHOOKS_CLUSTER_STALE_AFTER_MS_DOC);

    /** The database password, its reference read at construction (so a bad one fails the config); never printed. */
    private final String databasePassword;
    /** The webhooks ({@code webhook.NAME.*}), their URL references read at construction. */
    private final Map<String, WebhookConfig> webhooks;

    public EndpointConfig(Map<String, ?> props) {
        this(props, System.getenv());
    }

    /** Settings whose {@code ${env:…}} references read {@code environment}. */
    EndpointConfig(Map<String, ?> props, Map<String, String> environment) {
        // doLog=false: the values are printed by nobody; the start line names only address and data dir.
        super(CONFIG_DEF, props, false);
        Password password = getPassword(DATABASE_PASSWORD_CONFIG);
        this.databasePassword = password == null || getString(DATABASE_URL_CONFIG).isEmpty() ? null
                : resolveReference(DATABASE_PASSWORD_CONFIG, password.value(), environment);
        this.webhooks = WebhookConfig.all(webhookValues(originals(), environment));
        if (!tlsEnabled() && !isLoopback(bindAddress())) {
            throw new ConfigException(BIND_ADDRESS_CONFIG, bindAddress(),
                    "plain HTTP is only allowed on a loopback address; set " + SSL_KEYSTORE_LOCATION_CONFIG);
        }
        if (tlsEnabled() && getPassword(SSL_KEYSTORE_PASSWORD_CONFIG) == null) {
            throw new ConfigException(SSL_KEYSTORE_PASSWORD_CONFIG, "[hidden]",
                    "required when " + SSL_KEYSTORE_LOCATION_CONFIG + " is set");
        }
    }

    /** The {@code webhook.*} values, a URL given as a reference read now (a URL may hold a credential). */
    private static Map<String, Object> webhookValues(Map<String, Object> originals, Map<String, String> environment) {
        Map<String, Object> out = new java.util.HashMap<>();
        originals.forEach((key, value) -> {
            if (key.startsWith(WebhookConfig.PREFIX)) {
                Object v = value instanceof Password p ? p.value() : value;
                out.put(key, key.endsWith("." + WebhookConfig.URL_CONFIG) && v instanceof String raw
                        ? resolveReference(key, raw, environment) : v);
            }
        });
        return out;
    }

    /**
     * What a literal or a {@code ${file:PATH:KEY}} / {@code ${env:NAME}} reference stands for, read now (so a rotated
     * file is read at the next start); a reference that cannot be read is a {@link ConfigException} naming the key
     * and the reference, never a value.
     */
    private static String resolveReference(String key, String raw, Map<String, String> environment) {
        try {
            return new ConfigReferences(environment).resolve(key, raw);
        } catch (ConfigReferenceException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(BIND_ADDRESS_CONFIG, host, "unknown host");
        }
    }

    public String bindAddress() {
        return getString(BIND_ADDRESS_CONFIG);
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public Path dataDir() {
        return Path.of(getString(DATA_DIR_CONFIG));
    }

    public boolean tlsEnabled() {
        return !getString(SSL_KEYSTORE_LOCATION_CONFIG).isBlank();
    }

    public Path keystoreLocation() {
        return Path.of(getString(SSL_KEYSTORE_LOCATION_CONFIG));
    }

    public Password keystorePassword() {
        return getPassword(SSL_KEYSTORE_PASSWORD_CONFIG);
    }

    public String defaultEnvironment() {
        return getString(DEFAULT_ENVIRONMENT_CONFIG);
    }

    public int requestMaxBytes() {
        return getInt(REQUEST_MAX_BYTES_CONFIG);
    }

    public int idleTimeoutMs() {
        return getInt(IDLE_TIMEOUT_MS_CONFIG);
    }

    public int workerThreads() {
        return getInt(WORKER_THREADS_CONFIG);
    }

    public int apiKeyHashIterations() {
        return getInt(API_KEY_HASH_ITERATIONS_CONFIG);
    }

    /**
     * Where the database is: {@code database.url} with its user and password (the reference read when this config
     * was built), or the H2 file under {@code data.dir} when the URL is empty.
     */
    public DatabaseSettings databaseSettings() {
        String url = getString(DATABASE_URL_CONFIG);
        int pool = getInt(DATABASE_POOL_MAX_SIZE_CONFIG);
        if (url.isEmpty()) {
            return DatabaseSettings.h2(dataDir(), pool);
        }
        return DatabaseSettings.of(url, getString(DATABASE_USER_CONFIG), databasePassword, pool);
    }

    /** How long history is kept and how often the retention job runs. */
    public HistoryRetention.Policy historyRetention() {
        return new HistoryRetention.Policy(Duration.ofDays(getInt(HISTORY_RETENTION_DAYS_CONFIG)),
                getInt(HISTORY_MAX_ROWS_PER_CONNECTOR_CONFIG),
                Duration.ofMillis(getLong(HISTORY_RETENTION_INTERVAL_MS_CONFIG)));
    }

    public int requestTimeoutMs() {
        return getInt(REQUEST_TIMEOUT_MS_CONFIG);
    }

    public int maxConnectionsPerPeer() {
        return getInt(MAX_CONNECTIONS_PER_PEER_CONFIG);
    }

    /** {@code scheme://host[:port]} without a trailing slash, or {@code ""} when not configured. */
    public String publicUrl() {
        String url = getString(PUBLIC_URL_CONFIG).strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The file of the session signing key, or {@code null} for the key shared in the database. */
    public Path sessionSigningKeyFile() {
        String file = getString(SESSION_SIGNING_KEY_CONFIG);
        return file.isBlank() ? null : Path.of(file.strip());
    }

    public int sessionMaxAgeSeconds() {
        return getInt(SESSION_MAX_AGE_SECONDS_CONFIG);
    }

    public int loginFailuresBurst() {
        return getInt(LOGIN_FAILURES_BURST_CONFIG);
    }

    public int loginFailuresPerMinute() {
        return getInt(LOGIN_FAILURES_PER_MINUTE_CONFIG);
    }

    public long eventsMaxFutureMs() {
        return getLong(EVENTS_MAX_FUTURE_MS_CONFIG);
    }

    public long clusterResyncIntervalMs() {
        return getLong(CLUSTER_RESYNC_INTERVAL_MS_CONFIG);
    }

    public int sightingsMaxPerEnvironment() {
        return getInt(SIGHTINGS_MAX_PER_ENVIRONMENT_CONFIG);
    }

    /** The metrics listener's port, or -1 when it is off. */
    public int metricsPort() {
        return getInt(METRICS_PORT_CONFIG);
    }

    public String metricsBindAddress() {
        return getString(METRICS_BIND_ADDRESS_CONFIG);
    }

    public Duration metricsCache() {
        return Duration.ofMillis(getLong(METRICS_CACHE_MS_CONFIG));
    }

    public int metricsConnectorSeriesMax() {
        return getInt(METRICS_CONNECTOR_SERIES_MAX_CONFIG);
    }

    /** The configured webhooks, by name (none: empty). */
    public Map<String, WebhookConfig> webhooks() {
        return webhooks;
    }

    /** How the webhook delivery job paces itself. */
    public WebhookDispatcher.Settings webhookSettings() {
        return new WebhookDispatcher.Settings(Duration.ofMillis(getLong(WEBHOOKS_POLL_INTERVAL_MS_CONFIG)),
                Duration.ofMillis(getLong(WEBHOOKS_RETRY_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(Math.max(getLong(WEBHOOKS_RETRY_BACKOFF_MAX_MS_CONFIG),
                        getLong(WEBHOOKS_RETRY_BACKOFF_MS_CONFIG))),
                Duration.ofMillis(getLong(WEBHOOKS_MAX_AGE_MS_CONFIG)),
                Duration.ofMillis(getLong(WEBHOOKS_CLUSTER_STALE_AFTER_MS_CONFIG)));
    }

    public int sightingsMaxPerRequest() {
        return getInt(SIGHTINGS_MAX_PER_REQUEST_CONFIG);
    }
}
