package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.extension.WorkerPki;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The endpoint's connectors API of one Connect cluster ({@code /usm/v1/connect-clusters/{usmcc}}), as an admin, over
 * HTTPS trusting the test PKI: what the pipeline tests read the endpoint through. Thread-safe.
 */
final class EndpointApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final String authorization;

    EndpointApi(WorkerPki pki, String url, ApiKeyCredentials admin, String usmcc) {
        this.client = HttpClient.newBuilder().sslContext(pki.serverContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
        this.base = url + "/usm/v1/connect-clusters/" + usmcc;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((admin.key() + ":" + admin.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET path} (relative to the cluster), which must answer 200, as JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
