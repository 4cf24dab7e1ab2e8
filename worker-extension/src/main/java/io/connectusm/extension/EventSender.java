package io.connectusm.extension;

import io.connectusm.events.MediaTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * POSTs encoded event batches to {@code {base}/v1/events} of the first agent that answers, trying the next
 * base URL when one cannot be reached, times out or answers 5xx, and staying with the one that worked.
 *
 * <p>Uses the JDK HTTP client with the TLS context of {@link TlsContextFactory} (mTLS). Every call blocks
 * for at most {@code request timeout} per URL, so it runs only on the emitter thread; the client's own
 * threads are daemons from an executor that {@link #close()} shuts down. Not thread-safe.
 */
final class EventSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventSender.class);
    static final String EVENTS_PATH = "/v1/events";
    /** Bounds what an error body may add to a log line. */
    private static final int MAX_LOGGED_BODY_CHARS = 300;

    /** How a send ended. */
    enum Outcome {
        /** 2xx: the agent holds the batch durably. */
        DELIVERED,
        /** 403: the agent does not know this Connect cluster; retry slowly until someone registers it. */
        UNREGISTERED,
        /** 400/413 or another 4xx: retrying the same bytes cannot help. */
        REJECTED,
        /** No agent answered usefully (refused, timed out, 5xx): retry with backoff. */
        FAILED
    }

    /** The outcome, a server-requested pause (503 Retry-After) if any, and a loggable detail (no secrets). */
    static final class Result {
        private final Outcome outcome;
        private final Optional<Duration> retryAfter;
        private final String detail;

        Result(Outcome outcome, Optional<Duration> retryAfter, String detail) {
            this.outcome = outcome;
            this.retryAfter = retryAfter;
            this.detail = detail;
        }

        Outcome outcome() {
            return outcome;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }

        String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return "Result[outcome=" + outcome + ", retryAfter=" + retryAfter + ", detail=" + detail + "]";
        }
    }

    private final List<URI> endpoints;
    private final Duration requestTimeout;
    private final String authorization;
    private final ExecutorService executor;
    private final HttpClient client;
    private int current;

    EventSender(List<URI> baseUrls, TlsContextFactory.Tls tls, Duration requestTimeout, String apiKey,
                String apiSecret) {
        this.endpoints = baseUrls.stream().map(base -> URI.create(base + EVENTS_PATH)).collect(Collectors.toList());
        this.requestTimeout = requestTimeout;
        this.authorization = apiKey == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "connect-usm-metadata-events-http");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .sslContext(tls.context())
                .sslParameters(tls.parameters())
                .connectTimeout(requestTimeout)
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Sends one batch, failing over across the base URLs at most once each. */
    Result send(byte[] batch) {
        Result last = null;
        for (int attempt = 0; attempt < endpoints.size(); attempt++) {
            URI endpoint = endpoints.get(current);
            last = sendTo(endpoint, batch);
            if (last.outcome() != Outcome.FAILED) {
                return last;
            }
            log.debug("Agent {} failed ({}); trying the next one", endpoint, last.detail());
            current = (current + 1) % endpoints.size();
        }
        return last;
    }

    private Result sendTo(URI endpoint, byte[] batch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String detail = endpoint + " answered " + status + bodyExcerpt(response.body());
            if (status >= 200 && status < 300) {
                return new Result(Outcome.DELIVERED, Optional.empty(), detail);
            }
            if (status == 403) {
                return new Result(Outcome.UNREGISTERED, Optional.empty(), detail);
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return new Result(Outcome.REJECTED, Optional.empty(), detail);
            }
            return new Result(Outcome.FAILED, retryAfter(response), detail);
        } catch (IOException e) {
            return new Result(Outcome.FAILED, Optional.empty(), endpoint + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.FAILED, Optional.empty(), endpoint + ": interrupted");
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String bodyExcerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > MAX_LOGGED_BODY_CHARS ? oneLine.substring(0, MAX_LOGGED_BODY_CHARS) + "…"
                : oneLine);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
