package io.connectusm.endpoint.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The endpoint's metrics listener: {@code GET /metrics} (Prometheus text, or OpenMetrics when asked) on its own
 * address and port, apart from the API's listener, served by the Prometheus Java client's {@link HTTPServer}.
 * Plain HTTP without authentication, so it binds to loopback by default ({@code metrics.bind.address}): scrape it
 * from the same host or pod, or bind it to an address only the monitoring network reaches. It serves counts,
 * IDs, names and states, never a config value or secret.
 *
 * <p>Lifecycle: {@link #start} binds, {@link #close()} stops. Thread-safe.
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (0: a free port) and serves {@code registry}. */
    public static MetricsServer start(String host, int port, PrometheusRegistry registry) {
        try {
            return new MetricsServer(HTTPServer.builder().hostname(host).port(port).registry(registry)
                    .buildAndStart());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the metrics listener to " + host + ":" + port, e);
        }
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
