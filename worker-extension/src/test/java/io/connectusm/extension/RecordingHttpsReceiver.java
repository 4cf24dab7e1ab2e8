package io.connectusm.extension;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import org.awaitility.core.ConditionTimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A real HTTPS server standing in for the agent's data plane: requires a client certificate, answers
 * {@code POST /v1/events} with a settable status, and records every request (raw bytes, headers, peer). Public (in
 * this module's test-jar) for integration-tests. Thread-safe: requests arrive on its own threads.
 */
public final class RecordingHttpsReceiver implements AutoCloseable {

    static final EventCodec CODEC = new EventCodec();

    /** One request as received. */
    public record Received(Instant at, String path, Map<String, List<String>> headers, byte[] body, String clientSubject,
                    int answeredStatus, List<MetadataEvent> events) {
    }

    /** An accepted event and when it arrived. */
    public record Arrival(Instant at, MetadataEvent event) {
    }

    private final HttpsServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Arrival> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    public RecordingHttpsReceiver(SSLContext context) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String baseUrl() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The status answered from now on (204 = durable, 403 = not registered, 500, …). */
    public void answer(int newStatus) {
        status.set(newStatus);
    }

    public List<Received> requests() {
        return List.copyOf(received);
    }

    /** Every event of every request answered 2xx, in arrival order. */
    public List<MetadataEvent> acceptedEvents() {
        return accepted.stream().map(Arrival::event).toList();
    }

    public List<Arrival> arrivals() {
        return List.copyOf(accepted);
    }

    /**
     * Waits (bounded) until an accepted event matches; returns its first arrival. ({@code InterruptedException}
     * stays declared for the callers that handle it; Awaitility's wait does not throw it.)
     */
    public Arrival awaitEvent(Predicate<MetadataEvent> condition, Duration timeout, String description)
            throws InterruptedException {
        return awaitEventAfter(0, condition, timeout, description);
    }

    /**
     * Waits (bounded) until an event accepted after the first {@code mark} arrivals matches, so that an earlier one
     * cannot satisfy a step; returns its first such arrival. A timeout lists the events received after the mark.
     */
    public Arrival awaitEventAfter(int mark, Predicate<MetadataEvent> condition, Duration timeout, String description)
            throws InterruptedException {
        AtomicInteger checked = new AtomicInteger(mark);
        try {
            return await("event " + description).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).dontCatchUncaughtExceptions()
                    .until(() -> firstMatchSinceLastLook(condition, checked), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            List<Arrival> now = arrivals();
            throw new AssertionError("no event " + description + " within " + timeout + "; received"
                    + (mark == 0 ? "" : " after the first " + mark) + ": "
                    + now.subList(Math.min(mark, now.size()), now.size()).stream()
                    .map(a -> a.event().subject() + "/" + a.event().payload()).toList(), e);
        }
    }

    /** The first arrival from {@code checked} on that matches, or null; {@code checked} moves past those looked at. */
    private Arrival firstMatchSinceLastLook(Predicate<MetadataEvent> condition, AtomicInteger checked) {
        List<Arrival> now = arrivals();
        for (int i = checked.get(); i < now.size(); i++) {
            if (condition.test(now.get(i).event())) {
                return now.get(i);
            }
        }
        checked.set(Math.max(checked.get(), now.size()));
        return null;
    }

    /** All raw bytes received, concatenated, for canary scans. */
    public String allBytesAsText() {
        StringBuilder text = new StringBuilder();
        for (Received request : received) {
            text.append(new String(request.body(), StandardCharsets.UTF_8)).append('\n');
            request.headers().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        }
        return text.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            body = out.toByteArray();
        }
        String subject = null;
        if (exchange instanceof HttpsExchange https && https.getSSLSession() != null) {
            try {
                subject = ((X509Certificate) https.getSSLSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                subject = null;
            }
        }
        int answered = status.get();
        Instant at = Instant.now();
        List<MetadataEvent> events;
        try {
            events = CODEC.decodeBatch(body);
        } catch (RuntimeException e) {
            events = List.of();
        }
        received.add(new Received(at, exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body, subject, answered, events));
        if (answered / 100 == 2) {
            for (MetadataEvent event : events) {
                accepted.add(new Arrival(at, event));
            }
        }
        byte[] response = answered == 403
                ? "{\"error_code\":403,\"message\":\"Connect cluster is not registered\"}".getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (answered == 503) {
            exchange.getResponseHeaders().add("Retry-After", "1");
        }
        exchange.sendResponseHeaders(answered, response.length == 0 ? -1 : response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
