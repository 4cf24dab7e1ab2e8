package io.connectusm.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectusm.agent.http.HttpResponses;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.MediaTypes;
import io.connectusm.support.KeyStores;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The agent's client of the endpoint's {@code usm/v1} API: list Connect cluster registrations (paged),
 * post event batches, post sightings. Every request carries HTTP basic auth with the cloud API key and
 * secret; TLS is verified against the configured truststore. Uses the JDK's HTTP client: no dependency,
 * HTTP/1.1 keep-alive, timeouts. Thread-safe.
 */
public final class UsmApiClient {

    /** The endpoint's answer to a batch: its status and, for a 403, the clusters it does not know. */
    public record ForwardResult(int status, Set<ClusterRef> unregisteredClusters) {
        /** Whether the endpoint took the batch (2xx). */
        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 10_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ApiSettings settings;
    private final HttpClient client;

    public UsmApiClient(ApiSettings settings) throws GeneralSecurityException, IOException {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(clientContext(settings))
                .connectTimeout(settings.requestTimeout())
                .build();
    }

    /** Every Connect cluster registered in the configured environment, following {@code metadata.next}. */
    public List<Registration> listConnectClusters() throws IOException, InterruptedException {
        List<Registration> registrations = new ArrayList<>();
        URI page = settings.baseUrl().resolve("/usm/v1/connect-clusters?environment="
                + URLEncoder.encode(settings.environment(), StandardCharsets.UTF_8) + "&page_size=" + PAGE_SIZE);
        for (int pages = 0; page != null; pages++) {
            if (pages == MAX_PAGES) {
                throw new IOException("the endpoint returned more than " + MAX_PAGES + " pages of registrations");
            }
            HttpResponse<byte[]> response = client.send(request(page).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + page.getPath() + " answered " + response.statusCode());
            }
            RegistrationsJson.Page parsed = RegistrationsJson.parse(response.body());
            registrations.addAll(parsed.registrations());
            page = parsed.next() == null ? null : sameOrigin(settings.baseUrl().resolve(parsed.next()));
        }
        return registrations;
    }

    /**
     * {@code next} when it points at the configured endpoint's own origin; an IOException otherwise: a list's
     * link must never send the agent's credentials to another host.
     */
    private URI sameOrigin(URI next) throws IOException {
        URI base = settings.baseUrl();
        if (!java.util.Objects.equals(base.getScheme(), next.getScheme())
                || !java.util.Objects.equals(base.getHost(), next.getHost()) || base.getPort() != next.getPort()) {
            throw new IOException("the endpoint's next link points at another origin (" + next.getScheme() + "://"
                    + next.getHost() + ":" + next.getPort() + "); not following it");
        }
        return next;
    }

    /** Posts one CloudEvents batch to {@code /usm/v1/events}. */
    public ForwardResult postEvents(byte[] batch) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request(settings.baseUrl().resolve("/usm/v1/events"))
                .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Set<ClusterRef> unregistered = response.statusCode() == 403 ? unregisteredClusters(response.body()) : Set.of();
        return new ForwardResult(response.statusCode(), unregistered);
    }

    /** Posts sightings; returns the status. */
    public int postSightings(byte[] body) throws IOException, InterruptedException {
        return client.send(request(settings.baseUrl().resolve("/usm/v1/sightings"))
                .header("Content-Type", HttpResponses.JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The base URL, for messages. */
    public URI baseUrl() {
        return settings.baseUrl();
    }

    /** The environment whose registrations are pulled. */
    public String environment() {
        return settings.environment();
    }

    /** Trusting the configured PKCS12 truststore, or the JDK's default CAs when none is configured. */
    private static SSLContext clientContext(ApiSettings settings) throws GeneralSecurityException, IOException {
        if (settings.truststore() == null) {
            return SSLContext.getDefault();
        }
        return KeyStores.clientContext(null, KeyStores.trustManagers(KeyStores.load(settings.truststore(),
                KeyStores.PKCS12, settings.truststorePassword())));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", settings.credentials().authorizationHeader())
                .header("Accept", HttpResponses.JSON);
    }

    /** The clusters a 403 {@code cluster_not_registered} error names; empty for any other 403. */
    static Set<ClusterRef> unregisteredClusters(byte[] body) {
        Set<ClusterRef> clusters = new HashSet<>();
        try {
            for (JsonNode error : MAPPER.readTree(body).path("errors")) {
                if (!"cluster_not_registered".equals(error.path("code").asText())) {
                    continue;
                }
                for (JsonNode cluster : error.path("clusters")) {
                    String kafka = cluster.path("kafka_cluster_id").asText(null);
                    String connect = cluster.path("connect_cluster_id").asText(null);
                    if (kafka != null && connect != null) {
                        clusters.add(new ClusterRef(kafka, connect));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return clusters;
    }
}
