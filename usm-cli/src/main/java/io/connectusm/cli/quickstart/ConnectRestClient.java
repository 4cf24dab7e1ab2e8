package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectusm.cli.output.UsmCliException;

/**
 * The few calls of the Connect REST API the quickstart makes, over {@code java.net.http}. Error messages name the
 * connector and the HTTP status, never a configuration value (a sample connector carries secrets). Thread-safe.
 */
final class ConnectRestClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Whether the worker has joined its group and serves the connectors list. */
    boolean isReady() throws IOException, InterruptedException {
        // No retry here: the caller polls, and checks between polls that the worker's JVM is still alive.
        HttpRequest request = HttpRequest.newBuilder(uri("/connectors")).GET().timeout(TIMEOUT).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }

    /** Creates the connector, or updates its configuration ({@code PUT /connectors/{name}/config}). */
    void putConfig(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(config))));
        require(response, "configuring connector " + name);
    }

    void pause(String name) throws IOException, InterruptedException {
        require(send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/pause"))
                .PUT(HttpRequest.BodyPublishers.noBody())), "pausing connector " + name);
    }

    void resume(String name) throws IOException, InterruptedException {
        require(send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/resume"))
                .PUT(HttpRequest.BodyPublishers.noBody())), "resuming connector " + name);
    }

    /** The connector's state ({@code RUNNING}, {@code PAUSED}, …), empty while the worker does not know it yet. */
    Optional<String> state(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/status"))
                .GET());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode state = MAPPER.readTree(response.body()).path("connector").path("state");
        return state.isTextual() ? Optional.of(state.asText()) : Optional.empty();
    }

    /**
     * Sends the request, trying again for up to {@link #CONNECT_RETRY} while the connection cannot be established:
     * a worker on a saturated machine (the quickstart starts a broker, a worker, an agent and an endpoint at once)
     * can leave a connection attempt unanswered for seconds. A request whose connection was never made never reached
     * the worker, so trying again is safe for every call, idempotent or not.
     */
    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(TIMEOUT).build();
        long deadline = System.nanoTime() + CONNECT_RETRY.toNanos();
        long pauseMillis = 100;
        while (true) {
            try {
                return http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 2_000);
            }
        }
    }

    private static void require(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new UsmCliException(what + " failed: the Connect REST API answered " + response.statusCode()
                    + " (see the Connect worker's log)");
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
