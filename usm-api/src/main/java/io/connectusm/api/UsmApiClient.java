package io.connectusm.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client of the endpoint's {@code usm/v1} API: registrations of Kafka and Connect clusters, the connectors read
 * API, events, sightings and API keys, each call one method returning the resource records of this package.
 * Lists are read to the end through {@code metadata.next}, never leaving the base URL's origin
 * ({@link PageWalker}). Failures are {@link UsmApiException} (the endpoint refused), {@link UsmConnectionException}
 * (no answer) or {@link UsmProtocolException} (an answer that breaks the contract).
 *
 * <p>Basic auth with the API key and secret on every request; the secret lives only in the Authorization header
 * value, never in a message or {@code toString()}. Thread-safe: one client may serve every thread of a process.
 * Nothing to close (the JDK client's connections end with it).
 *
 * <p>Over 300 lines for a reason: one short method per {@code usm/v1} call the CLI and the agent make, over one
 * request path (paging, errors, origin check); the list of calls is the API's shape.
 */
public final class UsmApiClient {

    /** The content type of an event batch. */
    public static final String CLOUDEVENTS_BATCH = "application/cloudevents-batch+json";
    /** The timeout of each request (and of connecting) unless the builder sets another. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpTransport transport;
    private final PageWalker pages;

    private UsmApiClient(Builder b) {
        this.baseUrl = b.baseUrl;
        URI base = URI.create(baseUrl);
        this.transport = new HttpTransport(base, b.authorization, b.trust, b.timeout, b.observer);
        this.pages = new PageWalker(transport, base);
    }

    /**
     * A builder for the endpoint at {@code baseUrl}, e.g. {@code https://usm.example.com:8443}.
     *
     * @throws IllegalArgumentException unless it is an http(s) URL of a host
     */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** The base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    // ---- generic calls, for paths outside the typed methods ----

    /** {@code GET <path>} ({@code path} may carry a query); the parsed body, or {@code null} when empty. */
    public JsonNode get(String path) {
        return transport.get(uri(path));
    }

    /** {@code POST <path>} with a JSON body; the parsed answer, or {@code null} when empty. */
    public JsonNode post(String path, JsonNode body) {
        return transport.postJson(uri(path), body);
    }

    /** {@code DELETE <path>}. */
    public void delete(String path) {
        transport.delete(uri(path));
    }

    /** Every {@code data} item of a paged list whose first page is {@code firstPage}. */
    public List<JsonNode> list(String firstPage) {
        return pages.all(uri(firstPage));
    }

    // ---- kafka-clusters ----

    /** Every Kafka cluster registered in {@code environment}. */
    public List<KafkaCluster> kafkaClusters(String environment) {
        return list(UsmPaths.firstPage(UsmPaths.KAFKA_CLUSTERS, environment)).stream()
                .map(ResourceJson::kafkaCluster).toList();
    }

    /** One Kafka cluster; {@code environment} (optional) must be its own, else the endpoint answers 404. */
    public KafkaCluster kafkaCluster(String id, String environment) {
        return ResourceJson.kafkaCluster(get(UsmPaths.inEnvironment(UsmPaths.kafkaCluster(id), environment)));
    }

    public KafkaCluster registerKafkaCluster(KafkaClusterRegistration registration) {
        return ResourceJson.kafkaCluster(post(UsmPaths.KAFKA_CLUSTERS, ResourceJson.request(registration)));
    }

    /** Refused with 409 while Connect clusters are registered under it. */
    public void deregisterKafkaCluster(String id, String environment) {
        delete(UsmPaths.inEnvironment(UsmPaths.kafkaCluster(id), environment));
    }

    // ---- connect-clusters ----

    /** Every Connect cluster registered in {@code environment}. */
    public List<ConnectCluster> connectClusters(String environment) {
        return list(UsmPaths.firstPage(UsmPaths.CONNECT_CLUSTERS, environment)).stream()
                .map(ResourceJson::connectCluster).toList();
    }

    public ConnectCluster connectCluster(String id, String environment) {
        return ResourceJson.connectCluster(get(UsmPaths.inEnvironment(UsmPaths.connectCluster(id), environment)));
    }

    public ConnectCluster registerConnectCluster(ConnectClusterRegistration registration) {
        return ResourceJson.connectCluster(post(UsmPaths.CONNECT_CLUSTERS, ResourceJson.request(registration)));
    }

    /** Removes the registration and the connectors and history stored for it. */
    public void deregisterConnectCluster(String id, String environment) {
        delete(UsmPaths.inEnvironment(UsmPaths.connectCluster(id), environment));
    }

    // ---- connectors (read API) ----

    /** Every connector the endpoint stores for Connect cluster {@code connectClusterId} (environment optional). */
    public List<ConnectorSummary> connectors(String connectClusterId, String environment) {
        return list(UsmPaths.inEnvironment(UsmPaths.connectors(connectClusterId), environment)).stream()
                .map(ResourceJson::connectorSummary).toList();
    }

    /** One connector; {@code environment} (optional) must be its Connect cluster's. */
    public Connector connector(String connectClusterId, String name, String environment) {
        return ResourceJson.connector(get(UsmPaths.inEnvironment(UsmPaths.connector(connectClusterId, name),
                environment)));
    }

    /** The connector's history as the endpoint orders it (newest first), also of a deleted connector. */
    public List<ConnectorChange> connectorHistory(String connectClusterId, String name, String environment) {
        return list(UsmPaths.inEnvironment(UsmPaths.connectorHistory(connectClusterId, name), environment)).stream()
                .map(ResourceJson::change).toList();
    }

    /**
     * Deletes every history entry the endpoint stores for the connector (admin), also of a deleted connector; its
     * current state, or the tombstone of a deleted one, stays.
     */
    public void purgeConnectorHistory(String connectClusterId, String name, String environment) {
        delete(UsmPaths.inEnvironment(UsmPaths.connectorHistory(connectClusterId, name), environment));
    }

    // ---- events and sightings ----

    /**
     * Posts one CloudEvents batch. A 403 for clusters nobody registered is a {@link UsmApiException} whose
     * {@link UsmApiException#field(String) field("clusters")} lists them.
     */
    public void postEvents(byte[] batch) {
        transport.post(uri(UsmPaths.EVENTS), batch, CLOUDEVENTS_BATCH);
    }

    /** Posts sightings ({@code {"sightings":[…]}}, as the agent builds it). */
    public void reportSightings(JsonNode body) {
        post(UsmPaths.SIGHTINGS, body);
    }

    /** The sighted, unregistered Connect clusters of an environment. */
    public List<Sighting> sightings(String environment) {
        return list(UsmPaths.SIGHTINGS + "?environment=" + UsmPaths.queryValue(environment)).stream()
                .map(ResourceJson::sighting).toList();
    }

    // ---- api-keys ----

    /** Creates a key; the result carries its secret, which the endpoint never shows again. */
    public ApiKey createApiKey(String role, String description) {
        return createApiKey(role, description, null, List.of());
    }

    /**
     * An API key; an agent key may be scoped to one environment ({@code scopeEnvironment}, or {@code null} for
     * none) and, within it, to the listed local Connect cluster IDs (empty: every cluster of the environment).
     */
    public ApiKey createApiKey(String role, String description, String scopeEnvironment, List<String> scopeClusters) {
        return ResourceJson.apiKey(post(UsmPaths.API_KEYS,
                ResourceJson.apiKeyRequest(role, description, scopeEnvironment, scopeClusters)));
    }

    public List<ApiKey> apiKeys() {
        return list(UsmPaths.API_KEYS).stream().map(ResourceJson::apiKey).toList();
    }

    /** Refused with 409 for the endpoint's last admin key. */
    public void deleteApiKey(String key) {
        delete(UsmPaths.apiKey(key));
    }

    private URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + path);
        }
        try {
            return new URI(baseUrl + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    @Override
    public String toString() {
        return "UsmApiClient[" + baseUrl + "]";
    }

    /** Configures a client; not thread-safe, used once. */
    public static final class Builder {
        private final String baseUrl;
        private Supplier<String> authorization;
        private TlsTrust trust = TlsTrust.systemDefault();
        private Duration timeout = DEFAULT_TIMEOUT;
        private ExchangeObserver observer = ExchangeObserver.NONE;

        private Builder(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String trimmed = baseUrl.strip().replaceAll("/+$", "");
            try {
                URI uri = new URI(trimmed);
                Origin.of(uri);
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new IllegalArgumentException("a base URL has no query or fragment: " + trimmed);
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + trimmed, e);
            }
            this.baseUrl = trimmed;
        }

        /** HTTP basic auth with an API key and its secret on every request. */
        public Builder basicAuth(String apiKey, String apiSecret) {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(apiSecret, "apiSecret");
            String header = basicHeader(apiKey, apiSecret.toCharArray());
            this.authorization = () -> header;
            return this;
        }

        /**
         * HTTP basic auth with an API key and a secret read at each request, so a rotated secret (a file the
         * supplier reads) takes effect without a new client. The supplier returns a fresh array, which is wiped
         * after use; whatever it throws ends that call unchanged.
         */
        public Builder basicAuth(String apiKey, Supplier<char[]> apiSecret) {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(apiSecret, "apiSecret");
            this.authorization = () -> basicHeader(apiKey, apiSecret.get());
            return this;
        }

        private static String basicHeader(String apiKey, char[] secret) {
            char[] pair = new char[apiKey.length() + 1 + secret.length];
            apiKey.getChars(0, apiKey.length(), pair, 0);
            pair[apiKey.length()] = ':';
            System.arraycopy(secret, 0, pair, apiKey.length() + 1, secret.length);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pair));
            byte[] encoded = new byte[bytes.remaining()];
            bytes.get(encoded);
            try {
                return "Basic " + Base64.getEncoder().encodeToString(encoded);
            } finally {
                Arrays.fill(secret, '\0');
                Arrays.fill(pair, '\0');
                Arrays.fill(encoded, (byte) 0);
                if (bytes.hasArray()) {
                    Arrays.fill(bytes.array(), (byte) 0);
                }
            }
        }

        /** Which server certificates to trust for an https base URL (default: the JDK's CAs). */
        public Builder trust(TlsTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** The timeout of connecting and of each request. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public Builder observer(ExchangeObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** @throws IllegalArgumentException when the trust cannot be loaded (naming its file) */
        public UsmApiClient build() {
            return new UsmApiClient(this);
        }
    }
}
