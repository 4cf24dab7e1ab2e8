package io.connectusm.agent;

import io.connectusm.agent.forward.ForwardSettings;
import io.connectusm.agent.http.BasicCredentials;
import io.connectusm.agent.ingest.DataPlaneSettings;
import io.connectusm.agent.ingest.IdentityMode;
import io.connectusm.agent.spool.SpoolSettings;
import io.connectusm.agent.tls.TlsSettings;
import io.connectusm.api.TlsTrust;
import io.connectusm.api.UsmApiClient;
import io.connectusm.support.ConfigReferences;
import io.connectusm.support.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the agent, declared once in {@link #CONFIG_DEF} with its doc, default and validator, and the
 * typed settings each part of the agent takes from it ({@link #tls()}, {@link #dataPlane()}, {@link #spool()},
 * {@link #api()}, {@link #forward()}, …). Where the values come from (a file, {@code USM_AGENT_*} variables) is
 * {@link AgentConfigLoader}'s business; the docs' table is {@link AgentConfigDocs}'.
 *
 * <p>Secrets ({@link Type#PASSWORD} keys) are kept as configured, a literal or a {@code ${file:…}}/{@code ${env:…}}
 * reference, and handed out as {@link Secret}s resolved at use, so they never sit in a string that could be
 * logged and rotated password files are re-read.
 *
 * <p>Longer than ~300 lines for a reason: one {@code X_CONFIG}/{@code X_DOC}/{@code X_DEFAULT} triple per key (as
 * Kafka's own configs), in one class, because the docs are generated from this one {@code ConfigDef}.
 *
 * <p>Immutable and thread-safe; building it does no I/O.
 */
public final class AgentConfig extends AbstractConfig {

    public static final String AGENT_ID_CONFIG = "agent.id";
    static final String AGENT_ID_DOC = "This agent's ID, reported with sightings. Empty: the host name.";
    static final String AGENT_ID_DEFAULT = "";

    public static final String DATA_HOST_CONFIG = "data.listener.host";
    static final String DATA_HOST_DOC = "Address the data plane (HTTPS, POST /v1/events) binds to.";
    static final String DATA_HOST_DEFAULT = "0.0.0.0";

    public static final String DATA_PORT_CONFIG = "data.listener.port";
    static final String DATA_PORT_DOC = "Port of the data plane; 0 picks a free port.";
    static final int DATA_PORT_DEFAULT = 10000;

    public static final String CONTROL_HOST_CONFIG = "control.listener.host";
    static final String CONTROL_HOST_DOC = "Address the control plane (plain HTTP: /healthz, /readyz, /metrics, /v1/clusters) binds to.";
    static final String CONTROL_HOST_DEFAULT = "127.0.0.1";

    public static final String CONTROL_PORT_CONFIG = "control.listener.port";
    static final String CONTROL_PORT_DOC = "Port of the control plane; 0 picks a free port.";
    static final int CONTROL_PORT_DEFAULT = 9999;

    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "ssl.keystore.location";
    static final String SSL_KEYSTORE_LOCATION_DOC = "PKCS12 keystore with the data plane's server key and certificate chain. Re-read when it changes.";

    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "ssl.keystore.password";
    static final String SSL_KEYSTORE_PASSWORD_DOC = "Password of the keystore; a literal, ${file:PATH:KEY} or ${env:NAME}.";

    public static final String SSL_KEY_PASSWORD_CONFIG = "ssl.key.password";
    static final String SSL_KEY_PASSWORD_DOC = "Password of the private key in the keystore. Unset: the keystore password.";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "ssl.truststore.location";
    static final String SSL_TRUSTSTORE_LOCATION_DOC = "PKCS12 truststore with the CA(s) whose client certificates are accepted. Re-read when it changes.";

    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "ssl.truststore.password";
    static final String SSL_TRUSTSTORE_PASSWORD_DOC = "Password of the truststore; a literal, ${file:PATH:KEY} or ${env:NAME}.";

    public static final String SSL_CLIENT_AUTH_CONFIG = "ssl.client.auth";
    static final String SSL_CLIENT_AUTH_DOC = "'required': every client presents a certificate of a trusted CA (mTLS). 'none': server-side TLS only; then identity.mode must be 'shared' and api.key should be set.";
    static final String SSL_CLIENT_AUTH_DEFAULT = "required";

    public static final String SSL_PROVIDER_CONFIG = "ssl.provider";
    static final String SSL_PROVIDER_DOC = "TLS implementation: 'auto' (BoringSSL through netty-tcnative when it loads, else the JDK), 'openssl' or 'jdk'.";
    static final String SSL_PROVIDER_DEFAULT = "auto";

    public static final String SSL_RELOAD_INTERVAL_CONFIG = "ssl.reload.interval.ms";
    static final String SSL_RELOAD_INTERVAL_DOC = "How often the keystore and truststore files are checked for changes; new files serve new connections after at most this long. Broken new files keep the last good ones.";
    static final long SSL_RELOAD_INTERVAL_DEFAULT = 30_000L;

    public static final String IDENTITY_MODE_CONFIG = "identity.mode";
    static final String IDENTITY_MODE_DOC = "Which client certificates may speak for a Connect cluster. 'cluster': the certificate's CN or a URI SAN names the Connect cluster ID the events claim. 'shared': any certificate of the trusted CA.";
    static final String IDENTITY_MODE_DEFAULT = "cluster";

    public static final String API_KEY_CONFIG = "api.key";
    static final String API_KEY_DOC = "Optional HTTP basic auth user that data plane clients must present, on top of TLS.";

    public static final String API_SECRET_CONFIG = "api.secret";
    static final String API_SECRET_DOC = "Password for api.key; a literal, ${file:PATH:KEY} or ${env:NAME}, read at start. Required when api.key is set.";

    public static final String MAX_HEADER_BYTES_CONFIG = "limits.max.header.bytes";
    static final String MAX_HEADER_BYTES_DOC = "Largest request line plus headers accepted; larger gets 431.";
    static final int MAX_HEADER_BYTES_DEFAULT = 8192;

    public static final String MAX_BODY_BYTES_CONFIG = "limits.max.body.bytes";
    static final String MAX_BODY_BYTES_DOC = "Largest request body accepted; larger gets 413.";
    static final int MAX_BODY_BYTES_DEFAULT = 4 * 1024 * 1024;

    public static final String MAX_EVENTS_PER_BATCH_CONFIG = "limits.max.events.per.batch";
    static final String MAX_EVENTS_PER_BATCH_DOC = "Most events one POST may carry; more gets 413.";
    static final int MAX_EVENTS_PER_BATCH_DEFAULT = 1000;

    public static final String REQUEST_TIMEOUT_CONFIG = "limits.request.timeout.ms";
    static final String REQUEST_TIMEOUT_DOC = "Deadline for receiving a whole request once its first byte arrived; a slower client is disconnected.";
    static final long REQUEST_TIMEOUT_DEFAULT = 30_000L;

    public static final String IDLE_TIMEOUT_CONFIG = "limits.idle.timeout.ms";
    static final String IDLE_TIMEOUT_DOC = "A connection with no traffic for this long is closed.";
    static final long IDLE_TIMEOUT_DEFAULT = 60_000L;

    public static final String HANDSHAKE_TIMEOUT_CONFIG = "limits.handshake.timeout.ms";
    static final String HANDSHAKE_TIMEOUT_DOC = "Deadline for the TLS handshake.";
    static final long HANDSHAKE_TIMEOUT_DEFAULT = 10_000L;

    public static final String MAX_CONNECTIONS_PER_PEER_CONFIG = "limits.max.connections.per.peer";
    static final String MAX_CONNECTIONS_PER_PEER_DOC = "Most simultaneous connections from one IP address; more are closed at once.";
    static final int MAX_CONNECTIONS_PER_PEER_DEFAULT = 64;

    public static final String MAX_EVENT_FUTURE_CONFIG = "limits.max.event.future.ms";
    static final String MAX_EVENT_FUTURE_DOC = "A batch holding an event dated more than this after the agent's clock is "
            + "refused with 400 (a worker clock ahead would otherwise pin a connector's state).";
    static final long MAX_EVENT_FUTURE_DEFAULT = 300_000L;

    public static final String MAX_PENDING_HANDSHAKES_PER_PEER_CONFIG = "limits.max.pending.handshakes.per.peer";
    static final String MAX_PENDING_HANDSHAKES_PER_PEER_DOC = "Most connections from one IP address still in their TLS "
            + "handshake (bounded by limits.handshake.timeout.ms); more are closed at once. Only handshaken connections "
            + "count against limits.max.connections.per.peer.";
    static final int MAX_PENDING_HANDSHAKES_PER_PEER_DEFAULT = 16;

    public static final String SPOOL_DIR_CONFIG = "spool.dir";
    static final String SPOOL_DIR_DOC = "Directory of the durable spool and of the registrations cache.";
    static final String SPOOL_DIR_DEFAULT = "data/usm-agent";

    public static final String SPOOL_MAX_BYTES_CONFIG = "spool.max.bytes";
    static final String SPOOL_MAX_BYTES_DOC = "Pending event bytes the spool holds at most, counted after coalescing (a new state that replaces its connector's oldest pending one is always taken); a batch that would pass it gets 503 with Retry-After, nothing is dropped.";
    static final long SPOOL_MAX_BYTES_DEFAULT = 256L * 1024 * 1024;

    public static final String SPOOL_HISTORY_SIZE_CONFIG = "spool.history.size";
    static final String SPOOL_HISTORY_SIZE_DOC = "Pending transitions kept per (cluster, connector); older pending states of the same connector are coalesced away.";
    static final int SPOOL_HISTORY_SIZE_DEFAULT = 16;

    public static final String SPOOL_QUEUE_CAPACITY_CONFIG = "spool.queue.capacity";
    static final String SPOOL_QUEUE_CAPACITY_DOC = "Batches waiting for the next group commit at most; beyond it senders get 503 with Retry-After.";
    static final int SPOOL_QUEUE_CAPACITY_DEFAULT = 1024;

    public static final String RETRY_AFTER_CONFIG = "spool.retry.after.seconds";
    static final String RETRY_AFTER_DOC = "Retry-After value sent with a 503.";
    static final int RETRY_AFTER_DEFAULT = 5;

    public static final String REGISTRATIONS_FILE_CONFIG = "registrations.file";
    static final String REGISTRATIONS_FILE_DOC = "Optional static registrations (JSON, the shape of GET /usm/v1/connect-clusters); works without any endpoint. Merged with what the endpoint returns.";

    public static final String REGISTRATIONS_REFRESH_CONFIG = "registrations.refresh.interval.ms";
    static final String REGISTRATIONS_REFRESH_DOC = "How often registrations are pulled from the endpoint and sightings reported to it.";
    static final long REGISTRATIONS_REFRESH_DEFAULT = 60_000L;

    public static final String ENDPOINT_URL_CONFIG = "endpoint.url";
    static final String ENDPOINT_URL_DOC = "Base URL of the USM endpoint (https://host:port). Unset: events are spooled, not forwarded.";

    public static final String ENDPOINT_ENVIRONMENT_CONFIG = "endpoint.environment";
    static final String ENDPOINT_ENVIRONMENT_DOC = "The environment (env-…) whose Connect cluster registrations the agent pulls. Required with endpoint.url.";

    public static final String ENDPOINT_API_KEY_CONFIG = "endpoint.api.key";
    static final String ENDPOINT_API_KEY_DOC = "Cloud API key (role agent) for the endpoint. Required with endpoint.url.";

    public static final String ENDPOINT_API_SECRET_CONFIG = "endpoint.api.secret";
    static final String ENDPOINT_API_SECRET_DOC = "Cloud API secret; a literal, ${file:PATH:KEY} or ${env:NAME}. Required with endpoint.url.";

    public static final String ENDPOINT_TRUSTSTORE_LOCATION_CONFIG = "endpoint.ssl.truststore.location";
    static final String ENDPOINT_TRUSTSTORE_LOCATION_DOC = "PKCS12 truststore that verifies the endpoint's certificate. Unset: the JDK's default CAs.";

    public static final String ENDPOINT_TRUSTSTORE_PASSWORD_CONFIG = "endpoint.ssl.truststore.password";
    static final String ENDPOINT_TRUSTSTORE_PASSWORD_DOC = "Password of the endpoint truststore; a literal, ${file:PATH:KEY} or ${env:NAME}.";

    public static final String FORWARD_BATCH_MAX_EVENTS_CONFIG = "forward.batch.max.events";
    static final String FORWARD_BATCH_MAX_EVENTS_DOC = "Most events sent to the endpoint in one POST.";
    static final int FORWARD_BATCH_MAX_EVENTS_DEFAULT = 500;

    public static final String FORWARD_BACKOFF_INITIAL_CONFIG = "forward.backoff.initial.ms";
    static final String FORWARD_BACKOFF_INITIAL_DOC = "First retry delay after a failed POST; doubles per failure, with jitter, up to forward.backoff.max.ms.";
    static final long FORWARD_BACKOFF_INITIAL_DEFAULT = 200L;

    public static final String FORWARD_BACKOFF_MAX_CONFIG = "forward.backoff.max.ms";
    static final String FORWARD_BACKOFF_MAX_DOC = "Longest retry delay; the forwarder retries forever.";
    static final long FORWARD_BACKOFF_MAX_DEFAULT = 30_000L;

    public static final String FORWARD_REQUEST_TIMEOUT_CONFIG = "forward.request.timeout.ms";
    static final String FORWARD_REQUEST_TIMEOUT_DOC = "Timeout of one request to the endpoint.";
    static final long FORWARD_REQUEST_TIMEOUT_DEFAULT = 30_000L;

    public static final String SHUTDOWN_TIMEOUT_CONFIG = "shutdown.timeout.ms";
    static final String SHUTDOWN_TIMEOUT_DOC = "On SIGTERM or close(): how long in-flight requests may take to finish before the agent stops anyway.";
    static final long SHUTDOWN_TIMEOUT_DEFAULT = 10_000L;

    private static final ConfigDef.Validator NON_EMPTY = new ConfigDef.NonEmptyString();
    private static final ConfigDef.Validator PORT = Range.between(0, 65535);
    private static final ConfigDef.Validator POSITIVE_INT = Range.atLeast(1);
    private static final ConfigDef.Validator POSITIVE_LONG = Range.atLeast(1L);

    /** Every key of the agent. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(AGENT_ID_CONFIG, Type.STRING, AGENT_ID_DEFAULT, Importance.LOW, AGENT_ID_DOC)
            .define(DATA_HOST_CONFIG, Type.STRING, DATA_HOST_DEFAULT, NON_EMPTY, Importance.MEDIUM, DATA_HOST_DOC)
            .define(DATA_PORT_CONFIG, Type.INT, DATA_PORT_DEFAULT, PORT, Importance.MEDIUM, DATA_PORT_DOC)
            .define(CONTROL_HOST_CONFIG, Type.STRING, CONTROL_HOST_DEFAULT, NON_EMPTY, Importance.MEDIUM, CONTROL_HOST_DOC)
            .define(CONTROL_PORT_CONFIG, Type.INT, CONTROL_PORT_DEFAULT, PORT, Importance.MEDIUM, CONTROL_PORT_DOC)
            .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, NON_EMPTY, Importance.HIGH,
                    SSL_KEYSTORE_LOCATION_DOC)
            .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    SSL_KEYSTORE_PASSWORD_DOC)
            .define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, SSL_KEY_PASSWORD_DOC)
            .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, NON_EMPTY, Importance.HIGH,
                    SSL_TRUSTSTORE_LOCATION_DOC)
            .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    SSL_TRUSTSTORE_PASSWORD_DOC)
            .define(SSL_CLIENT_AUTH_CONFIG, Type.STRING, SSL_CLIENT_AUTH_DEFAULT, ValidString.in("required", "none"),
                    Importance.HIGH, SSL_CLIENT_AUTH_DOC)
            .define(SSL_PROVIDER_CONFIG, Type.STRING, SSL_PROVIDER_DEFAULT, ValidString.in("auto", "openssl", "jdk"),
                    Importance.LOW, SSL_PROVIDER_DOC)
            .define(SSL_RELOAD_INTERVAL_CONFIG, Type.LONG, SSL_RELOAD_INTERVAL_DEFAULT, Range.between(100L, 60_000L),
                    Importance.LOW, SSL_RELOAD_INTERVAL_DOC)
            .define(IDENTITY_MODE_CONFIG, Type.STRING, IDENTITY_MODE_DEFAULT, ValidString.in("cluster", "shared"),
                    Importance.HIGH, IDENTITY_MODE_DOC)
            .define(API_KEY_CONFIG, Type.STRING, null, Importance.MEDIUM, API_KEY_DOC)
            .define(API_SECRET_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, API_SECRET_DOC)
            .define(MAX_HEADER_BYTES_CONFIG, Type.INT, MAX_HEADER_BYTES_DEFAULT, Range.between(1024, 1024 * 1024),
                    Importance.LOW, MAX_HEADER_BYTES_DOC)
            .define(MAX_BODY_BYTES_CONFIG, Type.INT, MAX_BODY_BYTES_DEFAULT, Range.between(1024, 256 * 1024 * 1024),
                    Importance.LOW, MAX_BODY_BYTES_DOC)
            .define(MAX_EVENTS_PER_BATCH_CONFIG, Type.INT, MAX_EVENTS_PER_BATCH_DEFAULT, Range.between(1, 1000),
                    Importance.LOW, MAX_EVENTS_PER_BATCH_DOC)
            .define(REQUEST_TIMEOUT_CONFIG, Type.LONG, REQUEST_TIMEOUT_DEFAULT, POSITIVE_LONG, Importance.LOW,
                    REQUEST_TIMEOUT_DOC)
            .define(IDLE_TIMEOUT_CONFIG, Type.LONG, IDLE_TIMEOUT_DEFAULT, POSITIVE_LONG, Importance.LOW, IDLE_TIMEOUT_DOC)
            .define(HANDSHAKE_TIMEOUT_CONFIG, Type.LONG, HANDSHAKE_TIMEOUT_DEFAULT, POSITIVE_LONG, Importance.LOW,
                    HANDSHAKE_TIMEOUT_DOC)
            .define(MAX_CONNECTIONS_PER_PEER_CONFIG, Type.INT, MAX_CONNECTIONS_PER_PEER_DEFAULT, POSITIVE_INT,
                    Importance.LOW, MAX_CONNECTIONS_PER_PEER_DOC)
            .define(MAX_PENDING_HANDSHAKES_PER_PEER_CONFIG, Type.INT, MAX_PENDING_HANDSHAKES_PER_PEER_DEFAULT,
                    POSITIVE_INT, Importance.LOW, MAX_PENDING_HANDSHAKES_PER_PEER_DOC)
            .define(MAX_EVENT_FUTURE_CONFIG, Type.LONG, MAX_EVENT_FUTURE_DEFAULT, POSITIVE_LONG, Importance.LOW,
                    MAX_EVENT_FUTURE_DOC)
            .define(SPOOL_DIR_CONFIG, Type.STRING, SPOOL_DIR_DEFAULT, NON_EMPTY, Importance.HIGH, SPOOL_DIR_DOC)
            .define(SPOOL_MAX_BYTES_CONFIG, Type.LONG, SPOOL_MAX_BYTES_DEFAULT, Range.atLeast(1024L), Importance.MEDIUM,
                    SPOOL_MAX_BYTES_DOC)
            .define(SPOOL_HISTORY_SIZE_CONFIG, Type.INT, SPOOL_HISTORY_SIZE_DEFAULT, Range.between(1, 1000),
                    Importance.LOW, SPOOL_HISTORY_SIZE_DOC)
            .define(SPOOL_QUEUE_CAPACITY_CONFIG, Type.INT, SPOOL_QUEUE_CAPACITY_DEFAULT, POSITIVE_INT, Importance.LOW,
                    SPOOL_QUEUE_CAPACITY_DOC)
            .define(RETRY_AFTER_CONFIG, Type.INT, RETRY_AFTER_DEFAULT, POSITIVE_INT, Importance.LOW, RETRY_AFTER_DOC)
            .define(REGISTRATIONS_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM, REGISTRATIONS_FILE_DOC)
            .define(REGISTRATIONS_REFRESH_CONFIG, Type.LONG, REGISTRATIONS_REFRESH_DEFAULT, Range.atLeast(100L),
                    Importance.LOW, REGISTRATIONS_REFRESH_DOC)
            .define(ENDPOINT_URL_CONFIG, Type.STRING, null, new HttpUrlValidator(), Importance.HIGH, ENDPOINT_URL_DOC)
            .define(ENDPOINT_ENVIRONMENT_CONFIG, Type.STRING, null, Importance.HIGH, ENDPOINT_ENVIRONMENT_DOC)
            .define(ENDPOINT_API_KEY_CONFIG, Type.STRING, null, Importance.HIGH, ENDPOINT_API_KEY_DOC)
            .define(ENDPOINT_API_SECRET_CONFIG, Type.PASSWORD, null, Importance.HIGH, ENDPOINT_API_SECRET_DOC)
            .define(ENDPOINT_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    ENDPOINT_TRUSTSTORE_LOCATION_DOC)
            .define(ENDPOINT_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                    ENDPOINT_TRUSTSTORE_PASSWORD_DOC)
            .define(FORWARD_BATCH_MAX_EVENTS_CONFIG, Type.INT, FORWARD_BATCH_MAX_EVENTS_DEFAULT, Range.between(1, 1000),
                    Importance.LOW, FORWARD_BATCH_MAX_EVENTS_DOC)
            .define(FORWARD_BACKOFF_INITIAL_CONFIG, Type.LONG, FORWARD_BACKOFF_INITIAL_DEFAULT, POSITIVE_LONG,
                    Importance.LOW, FORWARD_BACKOFF_INITIAL_DOC)
            .define(FORWARD_BACKOFF_MAX_CONFIG, Type.LONG, FORWARD_BACKOFF_MAX_DEFAULT, POSITIVE_LONG, Importance.LOW,
                    FORWARD_BACKOFF_MAX_DOC)
            .define(FORWARD_REQUEST_TIMEOUT_CONFIG, Type.LONG, FORWARD_REQUEST_TIMEOUT_DEFAULT, POSITIVE_LONG,
                    Importance.LOW, FORWARD_REQUEST_TIMEOUT_DOC)
            .define(SHUTDOWN_TIMEOUT_CONFIG, Type.LONG, SHUTDOWN_TIMEOUT_DEFAULT, POSITIVE_LONG, Importance.LOW,
                    SHUTDOWN_TIMEOUT_DOC);

    private final ConfigReferences references;

    /** Values already gathered by {@link AgentConfigLoader}: references of non-secret keys resolved. */
    AgentConfig(Map<String, String> values, ConfigReferences references) {
        super(CONFIG_DEF, values, false);
        this.references = references;
        checkCombinations();
    }

    private void checkCombinations() {
        if (identityMode() == IdentityMode.CLUSTER && !clientAuthRequired()) {
            throw new ConfigException(IDENTITY_MODE_CONFIG + "=cluster reads the client certificate, so "
                    + SSL_CLIENT_AUTH_CONFIG + " must be 'required' (or set " + IDENTITY_MODE_CONFIG + "=shared)");
        }
        if (getString(API_KEY_CONFIG) != null && getPassword(API_SECRET_CONFIG) == null) {
            throw new ConfigException(API_SECRET_CONFIG + " is required when " + API_KEY_CONFIG + " is set");
        }
        if (getString(ENDPOINT_URL_CONFIG) != null) {
            for (String required : new String[] {ENDPOINT_ENVIRONMENT_CONFIG, ENDPOINT_API_KEY_CONFIG}) {
                if (getString(required) == null || getString(required).isBlank()) {
                    throw new ConfigException(required + " is required when " + ENDPOINT_URL_CONFIG + " is set");
                }
            }
            if (getPassword(ENDPOINT_API_SECRET_CONFIG) == null) {
                throw new ConfigException(ENDPOINT_API_SECRET_CONFIG + " is required when " + ENDPOINT_URL_CONFIG
                        + " is set");
            }
        }
        if (getLong(FORWARD_BACKOFF_MAX_CONFIG) < getLong(FORWARD_BACKOFF_INITIAL_CONFIG)) {
            throw new ConfigException(FORWARD_BACKOFF_MAX_CONFIG + " must be at least " + FORWARD_BACKOFF_INITIAL_CONFIG);
        }
    }

    String agentId() {
        String configured = getString(AGENT_ID_CONFIG);
        if (!configured.isBlank()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "usm-agent";
        }
    }

    IdentityMode identityMode() {
        return IdentityMode.valueOf(getString(IDENTITY_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    boolean clientAuthRequired() {
        return getString(SSL_CLIENT_AUTH_CONFIG).equals("required");
    }

    /** The secret of a PASSWORD key, resolved at each use, or {@code null} when it is unset. */
    Secret secret(String key) {
        Password password = getPassword(key);
        return password == null ? null : new Secret(key, password.value(), references);
    }

    Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    /** The data plane's TLS settings (public for the benchmark's baseline server, which must run the same TLS). */
    public TlsSettings tls() {
        Secret keystorePassword = secret(SSL_KEYSTORE_PASSWORD_CONFIG);
        Secret keyPassword = secret(SSL_KEY_PASSWORD_CONFIG);
        return new TlsSettings(Path.of(getString(SSL_KEYSTORE_LOCATION_CONFIG)), keystorePassword,
                keyPassword == null ? keystorePassword : keyPassword,
                Path.of(getString(SSL_TRUSTSTORE_LOCATION_CONFIG)), secret(SSL_TRUSTSTORE_PASSWORD_CONFIG),
                clientAuthRequired(), TlsSettings.Provider.valueOf(getString(SSL_PROVIDER_CONFIG).toUpperCase(Locale.ROOT)),
                duration(SSL_RELOAD_INTERVAL_CONFIG), duration(HANDSHAKE_TIMEOUT_CONFIG));
    }

    DataPlaneSettings dataPlane() {
        String apiKey = getString(API_KEY_CONFIG);
        return new DataPlaneSettings(getString(DATA_HOST_CONFIG), getInt(DATA_PORT_CONFIG), identityMode(),
                apiKey == null ? null : new BasicCredentials(apiKey, secret(API_SECRET_CONFIG).resolvedNow()),
                getInt(MAX_HEADER_BYTES_CONFIG), getInt(MAX_BODY_BYTES_CONFIG), getInt(MAX_EVENTS_PER_BATCH_CONFIG),
                duration(REQUEST_TIMEOUT_CONFIG), duration(IDLE_TIMEOUT_CONFIG), getInt(MAX_CONNECTIONS_PER_PEER_CONFIG),
                getInt(MAX_PENDING_HANDSHAKES_PER_PEER_CONFIG), getInt(RETRY_AFTER_CONFIG),
                duration(MAX_EVENT_FUTURE_CONFIG));
    }

    SpoolSettings spool() {
        return new SpoolSettings(Path.of(getString(SPOOL_DIR_CONFIG)), getLong(SPOOL_MAX_BYTES_CONFIG),
                getInt(SPOOL_HISTORY_SIZE_CONFIG), getInt(SPOOL_QUEUE_CAPACITY_CONFIG));
    }

    /**
     * The client of the endpoint's API to forward to and pull registrations from, or {@code null} when none is
     * configured. The API secret is read at each request, so a rotated {@code ${file:…}} secret takes effect
     * without a restart; the truststore is read once, here.
     *
     * @throws IllegalArgumentException when the truststore cannot be read (naming the file)
     */
    UsmApiClient endpointClient() {
        String url = getString(ENDPOINT_URL_CONFIG);
        if (url == null) {
            return null;
        }
        Secret apiSecret = secret(ENDPOINT_API_SECRET_CONFIG);
        UsmApiClient.Builder client = UsmApiClient.builder(url)
                .basicAuth(getString(ENDPOINT_API_KEY_CONFIG), apiSecret::reveal)
                .timeout(duration(FORWARD_REQUEST_TIMEOUT_CONFIG));
        String truststore = getString(ENDPOINT_TRUSTSTORE_LOCATION_CONFIG);
        if (truststore != null) {
            Secret password = secret(ENDPOINT_TRUSTSTORE_PASSWORD_CONFIG);
            char[] revealed = password == null ? null : password.reveal();
            try {
                client.trust(TlsTrust.trustStore(Path.of(truststore), revealed));
            } finally {
                if (revealed != null) {
                    Arrays.fill(revealed, '\0');
                }
            }
        }
        return client.build();
    }

    /** The environment whose registrations are pulled ({@code endpoint.environment}). */
    String endpointEnvironment() {
        return getString(ENDPOINT_ENVIRONMENT_CONFIG);
    }

    ForwardSettings forward() {
        return new ForwardSettings(getInt(FORWARD_BATCH_MAX_EVENTS_CONFIG), duration(FORWARD_BACKOFF_INITIAL_CONFIG),
                duration(FORWARD_BACKOFF_MAX_CONFIG));
    }

    /** The static registrations file, or {@code null}. */
    Path registrationsFile() {
        String file = getString(REGISTRATIONS_FILE_CONFIG);
        return file == null ? null : Path.of(file);
    }
}
