package io.connectusm.extension;

import io.connectusm.events.EventLimits;
import io.connectusm.events.TraceMode;
import io.connectusm.secrets.MaskingOptions;
import io.connectusm.secrets.MaskingPolicy;
import io.connectusm.secrets.ValueRedactor;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The worker properties of the extension, all under {@value #PREFIX}: the keys Confluent documents for
 * USM plus our own tuning keys, declared once in {@link #CONFIG_DEF}. Docs are generated from it.
 *
 * <p>Immutable once constructed; thread-safe. Construction does no I/O: the key and trust stores are
 * opened by {@link TlsContextFactory}.
 *
 * <p>Longer than ~300 lines for a reason: one {@code X_CONFIG}/{@code X_DOC}/{@code X_DEFAULT} triple per key (as
 * Kafka's own configs), in one class, because the docs' config table is generated from this one {@code ConfigDef}.
 */
final class MetadataEventsConfig extends AbstractConfig {

    static final String PREFIX = "confluent.connect.metadata.events.";

    static final String ENABLED_CONFIG = PREFIX + "enabled";
    static final String ENABLED_DOC = "Whether this worker sends connector metadata events. When false or absent "
            + "the extension starts no thread and opens no socket.";
    static final boolean ENABLED_DEFAULT = false;

    static final String EMITTER_TYPE_CONFIG = PREFIX + "emitter.type";
    static final String EMITTER_TYPE_DOC = "How events are sent. Only CloudEvents batches over HTTP(S) are supported.";
    static final String EMITTER_TYPE_CLOUD_EVENTS_HTTP = "cloud.events.http";
    static final String EMITTER_TYPE_DEFAULT = EMITTER_TYPE_CLOUD_EVENTS_HTTP;

    static final String CLIENT_BASE_URL_CONFIG = PREFIX + "client.base.url";
    static final String CLIENT_BASE_URL_DOC = "The USM agent's base URL, or a comma-separated list of them. Events are "
            + "POSTed to {url}/v1/events; on failure the next URL is tried. Required when enabled.";
    static final String CLIENT_BASE_URL_DEFAULT = "";

    /**
     * What Confluent's tooling (cp-ansible, Confluent for Kubernetes) writes into both {@code api.key} and
     * {@code api.secret} when the agent has no basic auth: taken to mean exactly that, so no credentials are sent.
     */
    static final String BASIC_AUTH_PLACEHOLDER = "dummy";

    static final String API_KEY_CONFIG = PREFIX + "api.key";
    static final String API_KEY_DOC = "Optional HTTP basic-auth user name sent to the agent (with api.secret). "
            + "api.key=api.secret=" + BASIC_AUTH_PLACEHOLDER + ", which Confluent's tooling writes when the agent has "
            + "no basic auth, means no basic auth: nothing is sent.";

    static final String API_SECRET_CONFIG = PREFIX + "api.secret";
    static final String API_SECRET_DOC = "Optional HTTP basic-auth password sent to the agent (with api.key).";

    static final String SSL_PROTOCOL_CONFIG = PREFIX + "ssl.protocol";
    static final String SSL_PROTOCOL_DOC = "The TLS protocol used to reach the agent.";
    static final String SSL_PROTOCOL_DEFAULT = "TLSv1.3";

    static final String SSL_KEYSTORE_LOCATION_CONFIG = PREFIX + "ssl.keystore.location";
    static final String SSL_KEYSTORE_LOCATION_DOC = "The key store holding this worker's client certificate and key "
            + "(mTLS). Optional: without it no client certificate is presented.";

    static final String SSL_KEYSTORE_PASSWORD_CONFIG = PREFIX + "ssl.keystore.password";
    static final String SSL_KEYSTORE_PASSWORD_DOC = "The password of the key store.";

    static final String SSL_KEYSTORE_TYPE_CONFIG = PREFIX + "ssl.keystore.type";
    static final String SSL_KEYSTORE_TYPE_DOC = "The format of the key store file.";
    static final String SSL_KEYSTORE_TYPE_DEFAULT = "PKCS12";

    static final String SSL_KEY_PASSWORD_CONFIG = PREFIX + "ssl.key.password";
    static final String SSL_KEY_PASSWORD_DOC = "The password of the private key in the key store; defaults to the "
            + "key store password.";

    static final String SSL_TRUSTSTORE_LOCATION_CONFIG = PREFIX + "ssl.truststore.location";
    static final String SSL_TRUSTSTORE_LOCATION_DOC = "The trust store holding the CA that signed the agent's "
            + "certificate. Without it the JVM's default trust store is used.";

    static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = PREFIX + "ssl.truststore.password";
    static final String SSL_TRUSTSTORE_PASSWORD_DOC = "The password of the trust store.";

    static final String SSL_TRUSTSTORE_TYPE_CONFIG = PREFIX + "ssl.truststore.type";
    static final String SSL_TRUSTSTORE_TYPE_DOC = "The format of the trust store file.";
    static final String SSL_TRUSTSTORE_TYPE_DEFAULT = "PKCS12";

    static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG = PREFIX + "ssl.endpoint.identification.algorithm";
    static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DOC = "How the agent's host name is checked against its "
            + "certificate: 'https' checks it, an empty value disables the check (not recommended).";
    static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DEFAULT = "https";

    static final String CONNECT_CLUSTER_ID_CONFIG = PREFIX + "connect.cluster.id";
    static final String CONNECT_CLUSTER_ID_DOC = "The Connect cluster ID sent with every event, as registered in USM. "
            + "Defaults to the worker's group.id.";

    static final String RECONCILE_INTERVAL_MS_CONFIG = PREFIX + "reconcile.interval.ms";
    static final String RECONCILE_INTERVAL_MS_DOC = "How often a reconcile pass runs. Each pass resends one slice of "
            + "the connectors, so that every connector is resent once per resync.interval.ms; with change.detection="
            + "polling it also compares every connector's state with what was last sent, catching what the REST API "
            + "never sees (task failures, rebalances, changes made through other workers).";
    static final long RECONCILE_INTERVAL_MS_DEFAULT = 3_000L;

    static final String RESYNC_INTERVAL_MS_CONFIG = PREFIX + "resync.interval.ms";
    static final String RESYNC_INTERVAL_MS_DOC = "How often every connector's snapshot and the cluster inventory are "
            + "sent even without a change, so every hop converges after a loss downstream (the extension itself "
            + "misses no change: see change.detection). The snapshots are spread over the interval, a few hundred at "
            + "a time, not sent at once; each costs the worker about 7 KB of allocation (the snapshot, its encoding, "
            + "HTTP and TLS), so 5,000 connectors every hour cost about 10 KB/s.";

    static final String CHANGE_DETECTION_CONFIG = PREFIX + "change.detection";
    static final String CHANGE_DETECTION_TOPICS = "topics";
    static final String CHANGE_DETECTION_POLLING = "polling";
    static final String CHANGE_DETECTION_DOC = "How changes the worker's REST API never sees (task failures, "
            + "rebalances, changes made through other workers) are found. 'topics': by following the worker's config "
            + "and status topics, as its herder does, so they are reported within milliseconds and a reconcile pass "
            + "asks nothing of the herder (a worker without them, e.g. standalone, polls). 'polling': every reconcile "
            + "pass compares every connector's state and re-reads configs through the herder, whose thread that costs "
            + "more the more connectors there are.";
    static final String CHANGE_DETECTION_DEFAULT = CHANGE_DETECTION_TOPICS;
    static final long RESYNC_INTERVAL_MS_DEFAULT = 3_600_000L;

    static final String BATCH_MAX_EVENTS_CONFIG = PREFIX + "batch.max.events";
    static final String BATCH_MAX_EVENTS_DOC = "The most events sent in one request.";
    static final int BATCH_MAX_EVENTS_DEFAULT = 500;
    /** The agent rejects larger batches. */
    static final int BATCH_MAX_EVENTS_LIMIT = EventLimits.MAX_EVENTS_PER_BATCH;

    static final String REQUEST_TIMEOUT_MS_CONFIG = PREFIX + "request.timeout.ms";
    static final String REQUEST_TIMEOUT_MS_DOC = "How long one request to the agent (connect and answer) may take "
            + "before the next URL is tried.";
    static final long REQUEST_TIMEOUT_MS_DEFAULT = 10_000L;

    static final String RETRY_BACKOFF_MAX_MS_CONFIG = PREFIX + "retry.backoff.max.ms";
    static final String RETRY_BACKOFF_MAX_MS_DOC = "The longest pause between failed attempts (exponential backoff "
            + "with jitter from 100 ms). Also the retry and warning interval while the cluster is not registered (403).";
    static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000L;

    static final String SENSITIVE_KEY_PATTERNS_CONFIG = PREFIX + "sensitive.key.patterns";
    static final String SENSITIVE_KEY_PATTERNS_DOC = "Connector config key patterns whose values are masked whole "
            + "(reason 'pattern'), in addition to PASSWORD-typed keys and keys whose name looks secret. Globs: '*' "
            + "matches any characters, every other character itself, case is ignored, the whole key must match "
            + "(e.g. *.tenant.key).";
    static final String SENSITIVE_KEY_PATTERNS_DEFAULT = "";

    static final String NONSENSITIVE_KEY_PATTERNS_CONFIG = PREFIX + "nonsensitive.key.patterns";
    static final String NONSENSITIVE_KEY_PATTERNS_DOC = "Connector config key patterns that the name rule, "
            + SENSITIVE_KEY_PATTERNS_CONFIG + " and the strict policy never mask (globs as there), for a key whose "
            + "name looks secret but is not. A PASSWORD-typed key is masked all the same, and credentials are still "
            + "cut out of the value.";
    static final String NONSENSITIVE_KEY_PATTERNS_DEFAULT = "";

    static final String MASKING_POLICY_CONFIG = PREFIX + "masking.policy";
    static final String MASKING_POLICY_DOC = "'default' masks PASSWORD-typed keys, keys whose name looks secret, keys "
            + "matching " + SENSITIVE_KEY_PATTERNS_CONFIG + ", and credentials inside values. 'strict' also masks "
            + "every key that no loaded ConfigDef declares (reason 'policy'), unless its last name token names "
            + "metadata (path, file, url, class, name, region ...).";
    static final String MASKING_POLICY_DEFAULT = MaskingPolicy.DEFAULT.configValue();

    static final String TRACE_MODE_CONFIG = PREFIX + "trace.mode";
    static final String TRACE_MODE_DOC = "How connector and task failure traces leave the worker. 'scrubbed': the "
            + "whole trace, with the connector's masked values, the worker's own secrets and every recognised "
            + "credential replaced by ********. 'summary': only the first line (exception class and message), "
            + "scrubbed the same way. 'none': no trace is sent. A secret in a trace that has no recognisable shape "
            + "and is not a masked value of the connector can be caught only by 'summary' (if it is not on the first "
            + "line) or 'none'.";
    static final String TRACE_MODE_DEFAULT = configValue(TraceMode.SCRUBBED);

    static final String HISTORY_MAX_TRANSITIONS_CONFIG = PREFIX + "history.max.transitions";
    static final String HISTORY_MAX_TRANSITIONS_DOC = "How many unsent events are kept per connector while the agent "
            + "cannot be reached; older ones are dropped (the newest state is always kept).";
    static final int HISTORY_MAX_TRANSITIONS_DEFAULT = 16;

    static final String AUDIT_CLIENT_ADDRESS_CONFIG = PREFIX + "audit.client.address";
    static final String AUDIT_CLIENT_ADDRESS_DOC = "Whether the actor of a change made over the Connect REST API keeps "
            + "the client address and the X-Forwarded-For header (beside the authenticated principal and the "
            + "User-Agent). false leaves both out of every event, for privacy.";
    static final boolean AUDIT_CLIENT_ADDRESS_DEFAULT = true;

    /** The worker's own key that gives the default Connect cluster ID. */
    static final String WORKER_GROUP_ID_CONFIG = "group.id";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ENABLED_CONFIG, Type.BOOLEAN, ENABLED_DEFAULT, Importance.HIGH, ENABLED_DOC)
            .define(EMITTER_TYPE_CONFIG, Type.STRING, EMITTER_TYPE_DEFAULT,
                    ConfigDef.ValidString.in(EMITTER_TYPE_CLOUD_EVENTS_HTTP), Importance.LOW, EMITTER_TYPE_DOC)
            .define(CLIENT_BASE_URL_CONFIG, Type.LIST, CLIENT_BASE_URL_DEFAULT, new BaseUrlValidator(),
                    Importance.HIGH, CLIENT_BASE_URL_DOC)
            .define(API_KEY_CONFIG, Type.STRING, null, Importance.MEDIUM, API_KEY_DOC)
            .define(API_SECRET_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, API_SECRET_DOC)
            .define(SSL_PROTOCOL_CONFIG, Type.STRING, SSL_PROTOCOL_DEFAULT,
                    ConfigDef.ValidString.in("TLSv1.2", "TLSv1.3"), Importance.MEDIUM, SSL_PROTOCOL_DOC)
            .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.HIGH, SSL_KEYSTORE_LOCATION_DOC)
            .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, SSL_KEYSTORE_PASSWORD_DOC)
            .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, SSL_KEYSTORE_TYPE_DEFAULT,
                    ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"), Importance.MEDIUM, SSL_KEYSTORE_TYPE_DOC)
            .define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, SSL_KEY_PASSWORD_DOC)
            .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.HIGH, SSL_TRUSTSTORE_LOCATION_DOC)
            .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, SSL_TRUSTSTORE_PASSWORD_DOC)
            .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, SSL_TRUSTSTORE_TYPE_DEFAULT,
                    ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"), Importance.MEDIUM,
                    SSL_TRUSTSTORE_TYPE_DOC)
            .define(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, Type.STRING,
                    SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DEFAULT, ConfigDef.CaseInsensitiveValidString.in("https", ""),
                    Importance.LOW, SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_DOC)
            .define(CONNECT_CLUSTER_ID_CONFIG, Type.STRING, null, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    CONNECT_CLUSTER_ID_DOC)
            .define(RECONCILE_INTERVAL_MS_CONFIG, Type.LONG, RECONCILE_INTERVAL_MS_DEFAULT,
                    ConfigDef.Range.between(100L, 3_600_000L), Importance.LOW, RECONCILE_INTERVAL_MS_DOC)
            .define(RESYNC_INTERVAL_MS_CONFIG, Type.LONG, RESYNC_INTERVAL_MS_DEFAULT,
                    ConfigDef.Range.between(1_000L, 86_400_000L), Importance.LOW, RESYNC_INTERVAL_MS_DOC)
            .define(CHANGE_DETECTION_CONFIG, Type.STRING, CHANGE_DETECTION_DEFAULT,
                    ConfigDef.ValidString.in(CHANGE_DETECTION_TOPICS, CHANGE_DETECTION_POLLING), Importance.LOW,
                    CHANGE_DETECTION_DOC)
            .define(BATCH_MAX_EVENTS_CONFIG, Type.INT, BATCH_MAX_EVENTS_DEFAULT,
                    ConfigDef.Range.between(1, BATCH_MAX_EVENTS_LIMIT), Importance.LOW, BATCH_MAX_EVENTS_DOC)
            .define(REQUEST_TIMEOUT_MS_CONFIG, Type.LONG, REQUEST_TIMEOUT_MS_DEFAULT,
                    ConfigDef.Range.between(100L, 600_000L), Importance.LOW, REQUEST_TIMEOUT_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT,
                    ConfigDef.Range.between(100L, 3_600_000L), Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC)
            .define(SENSITIVE_KEY_PATTERNS_CONFIG, Type.LIST, SENSITIVE_KEY_PATTERNS_DEFAULT, Importance.MEDIUM,
                    SENSITIVE_KEY_PATTERNS_DOC)
            .define(NONSENSITIVE_KEY_PATTERNS_CONFIG, Type.LIST, NONSENSITIVE_KEY_PATTERNS_DEFAULT,
                    Importance.MEDIUM, NONSENSITIVE_KEY_PATTERNS_DOC)
            .define(MASKING_POLICY_CONFIG, Type.STRING, MASKING_POLICY_DEFAULT,
                    ConfigDef.ValidString.in(MaskingPolicy.DEFAULT.configValue(), MaskingPolicy.STRICT.configValue()),
                    Importance.MEDIUM, MASKING_POLICY_DOC)
            .define(TRACE_MODE_CONFIG, Type.STRING, TRACE_MODE_DEFAULT,
                    ConfigDef.ValidString.in(Arrays.stream(TraceMode.values()).map(MetadataEventsConfig::configValue)
                            .toArray(String[]::new)), Importance.MEDIUM, TRACE_MODE_DOC)
            .define(HISTORY_MAX_TRANSITIONS_CONFIG, Type.INT, HISTORY_MAX_TRANSITIONS_DEFAULT,
                    ConfigDef.Range.between(1, 1_000), Importance.LOW, HISTORY_MAX_TRANSITIONS_DOC)
            .define(AUDIT_CLIENT_ADDRESS_CONFIG, Type.BOOLEAN, AUDIT_CLIENT_ADDRESS_DEFAULT, Importance.LOW,
                    AUDIT_CLIENT_ADDRESS_DOC);

    /**
     * Parses the worker's properties (all of them; only ours and {@code group.id} are read).
     *
     * @throws ConfigException naming the key, the bad value (never a password) and what was expected
     */
    MetadataEventsConfig(Map<String, ?> workerProps) {
        // doLog=false: AbstractConfig would log every worker property; we log a safe summary instead.
        super(CONFIG_DEF, workerProps, false);
        if (enabled() && baseUrls().isEmpty()) {
            throw new ConfigException(CLIENT_BASE_URL_CONFIG, "",
                    "at least one agent URL is required when " + ENABLED_CONFIG + "=true");
        }
        if (enabled() && connectClusterId() == null) {
            throw new ConfigException(CONNECT_CLUSTER_ID_CONFIG, null,
                    "no Connect cluster ID: set it or the worker's " + WORKER_GROUP_ID_CONFIG);
        }
        if (getString(API_KEY_CONFIG) != null && getPassword(API_SECRET_CONFIG) == null) {
            throw new ConfigException(API_SECRET_CONFIG + " is required when " + API_KEY_CONFIG + " is set");
        }
    }

    boolean enabled() {
        return getBoolean(ENABLED_CONFIG);
    }

    /** The agents' base URLs, in failover order, without a trailing slash. */
    List<URI> baseUrls() {
        return getList(CLIENT_BASE_URL_CONFIG).stream()
                .map(url -> URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url))
                .collect(Collectors.toList());
    }

    /** The Connect cluster ID override, else the worker's {@code group.id}, else {@code null}. */
    String connectClusterId() {
        String override = getString(CONNECT_CLUSTER_ID_CONFIG);
        if (override != null) {
            return override;
        }
        Object groupId = originals().get(WORKER_GROUP_ID_CONFIG);
        return groupId == null || groupId.toString().isBlank() ? null : groupId.toString();
    }

    String apiKey() {
        return getString(API_KEY_CONFIG);
    }

    Password apiSecret() {
        return getPassword(API_SECRET_CONFIG);
    }

    /** Whether api.key and api.secret are both the placeholder of Confluent's tooling (no basic auth). */
    boolean basicAuthPlaceholder() {
        return BASIC_AUTH_PLACEHOLDER.equals(apiKey()) && apiSecret() != null
                && BASIC_AUTH_PLACEHOLDER.equals(apiSecret().value());
    }

    /** The basic-auth user to send, or {@code null} for none (unset, or the tooling's placeholder). */
    String basicAuthUser() {
        return basicAuthPlaceholder() ? null : apiKey();
    }

    /** The basic-auth password to send with {@link #basicAuthUser()}, or {@code null}. */
    String basicAuthPassword() {
        return basicAuthUser() == null ? null : apiSecret().value();
    }

    Duration reconcileInterval() {
        return Duration.ofMillis(getLong(RECONCILE_INTERVAL_MS_CONFIG));
    }

    Duration resyncInterval() {
        return Duration.ofMillis(getLong(RESYNC_INTERVAL_MS_CONFIG));
    }

    /** Whether changes are found by following the worker's config and status topics (else by polling). */
    boolean followsTopics() {
        return CHANGE_DETECTION_TOPICS.equals(getString(CHANGE_DETECTION_CONFIG));
    }

    int batchMaxEvents() {
        return getInt(BATCH_MAX_EVENTS_CONFIG);
    }

    Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS_CONFIG));
    }

    Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    /** The operator's masking settings: patterns, exceptions and policy. */
    MaskingOptions maskingOptions() {
        return MaskingOptions.builder()
                .sensitiveKeyPatterns(getList(SENSITIVE_KEY_PATTERNS_CONFIG))
                .nonsensitiveKeyPatterns(getList(NONSENSITIVE_KEY_PATTERNS_CONFIG))
                .policy(MaskingPolicy.fromConfigValue(getString(MASKING_POLICY_CONFIG)))
                .build();
    }

    /** A trace mode as the config spells it: its name in lower case. */
    private static String configValue(TraceMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** How failure traces leave the worker. */
    TraceMode traceMode() {
        return TraceMode.valueOf(getString(TRACE_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    /** Whether the actor of a REST change keeps the client address and X-Forwarded-For. */
    boolean auditClientAddress() {
        return getBoolean(AUDIT_CLIENT_ADDRESS_CONFIG);
    }

    int historyMaxTransitions() {
        return getInt(HISTORY_MAX_TRANSITIONS_CONFIG);
    }

    /** A one-line description with no secret in it, for the start-up log. */
    String describe() {
        return "metadata events to " + getList(CLIENT_BASE_URL_CONFIG) + " as Connect cluster '" + connectClusterId()
                + "' (" + SSL_PROTOCOL_CONFIG + "=" + getString(SSL_PROTOCOL_CONFIG)
                + ", client certificate " + (getString(SSL_KEYSTORE_LOCATION_CONFIG) == null ? "none" : "from "
                + getString(SSL_KEYSTORE_LOCATION_CONFIG)) + ", basic auth "
                + (basicAuthPlaceholder() ? "off: api.key and api.secret are the '" + BASIC_AUTH_PLACEHOLDER
                + "' placeholder" : basicAuthUser() == null ? "off" : "on") + ", masking policy "
                + maskingOptions().policy().configValue() + ", traces " + configValue(traceMode())
                + ")";
    }

    /** Accepts a comma-separated list of absolute http(s) URLs with a host and no query or fragment. */
    static final class BaseUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) value;
            for (String url : urls) {
                // A URL may carry credentials: the message shows it with them cut out.
                String shown = ValueRedactor.standard().redact(url).value();
                try {
                    URI uri = new URI(url);
                    String scheme = uri.getScheme();
                    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                            || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                            || uri.getRawUserInfo() != null) {
                        throw new ConfigException(name, shown, "expected " + this);
                    }
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, shown, "expected " + this + " (" + e.getReason() + ")");
                }
            }
        }

        @Override
        public String toString() {
            return "a comma-separated list of URLs like https://host:port (http or https, no user info, query or "
                    + "fragment)";
        }
    }
}
