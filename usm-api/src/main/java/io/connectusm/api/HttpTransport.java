package io.connectusm.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One HTTP exchange with the endpoint, as JSON: the Authorization header on every request to the base URL's
 * origin (callers never pass another origin, see {@link PageWalker}), redirects never followed, a 2xx body
 * parsed, any other status turned into {@link UsmApiException}, no answer into {@link UsmConnectionException}.
 * Thread-safe; holds the JDK client, whose connections it reuses.
 */
final class HttpTransport {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Origin origin;
    private final String baseUrl;
    private final Supplier<String> authorization;
    private final HttpClient http;
    private final Duration timeout;
    private final ExchangeObserver observer;

    /** @param authorization the Authorization header's value, asked for at each request; {@code null} for none */
    HttpTransport(URI baseUrl, Supplier<String> authorization, TlsTrust trust, Duration timeout, ExchangeObserver observer) {
        this.origin = Origin.of(baseUrl);
        this.baseUrl = baseUrl.toString();
        this.authorization = authorization;
        this.timeout = timeout;
        this.observer = observer;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (origin.secure()) {
            builder.sslContext(trust.sslContext());
        }
        this.http = builder.build();
    }

    Origin origin() {
        return origin;
    }

    JsonNode get(URI uri) {
        return exchange("GET", uri, HttpRequest.BodyPublishers.noBody(), null);
    }

    JsonNode post(URI uri, byte[] body, String contentType) {
        return exchange("POST", uri, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    JsonNode postJson(URI uri, JsonNode body) {
        try {
            return post(uri, MAPPER.writeValueAsBytes(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
    }

    void delete(URI uri) {
        exchange("DELETE", uri, HttpRequest.BodyPublishers.noBody(), null);
    }

    private JsonNode exchange(String method, URI uri, HttpRequest.BodyPublisher body, String contentType) {
        if (!origin.contains(uri)) {
            // Defence in depth: PageWalker checks links already; the Authorization header never leaves the origin.
            throw new UsmProtocolException("refusing to send a request to " + Origin.of(uri) + ", which is not "
                    + origin);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", JSON)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization.get());
        }
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            observe(method, uri, -1, started);
            throw connectionFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observe(method, uri, -1, started);
            throw new UsmConnectionException(UsmConnectionException.Reason.INTERRUPTED, "interrupted while calling "
                    + baseUrl);
        }
        int status = response.statusCode();
        observe(method, uri, status, started);
        JsonNode parsed = parse(response.body());
        if (status / 100 == 2) {
            if (parsed == null && response.body().length > 0) {
                throw new UsmProtocolException(method + " " + uri.getRawPath() + " answered " + status
                        + " with a body that is not JSON");
            }
            return parsed;
        }
        throw UsmApiException.of(status, parsed);
    }

    private UsmConnectionException connectionFailure(IOException e) {
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            return new UsmConnectionException(UsmConnectionException.Reason.TLS, "TLS connection to " + baseUrl
                    + " failed (" + e.getMessage() + ")");
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return new UsmConnectionException(UsmConnectionException.Reason.TIMEOUT, baseUrl + " did not answer within "
                    + timeout.toSeconds() + " s");
        }
        if (e instanceof ConnectException) {
            return new UsmConnectionException(UsmConnectionException.Reason.REFUSED, "cannot connect to " + baseUrl
                    + ": connection refused");
        }
        return new UsmConnectionException(UsmConnectionException.Reason.IO, "cannot reach " + baseUrl + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private void observe(String method, URI uri, int status, long started) {
        try {
            observer.exchanged(method, uri, status, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException ignored) {
            // an observer must not change the outcome of a call
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
