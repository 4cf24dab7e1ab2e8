package io.connectusm.endpoint.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A real local HTTP receiver of webhooks for tests: records every request (headers, body) and answers 204; it can
 * be stopped (connections refused) and started again on the same port. Thread-safe.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Request(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;

    WebhookReceiver() throws IOException {
        server = bind(0);
        port = server.getAddress().getPort();
    }

    private HttpServer bind(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        s.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        s.setExecutor(Executors.newSingleThreadExecutor());
        s.start();
        return s;
    }

    int port() {
        return port;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void start() throws IOException {
        if (server == null) {
            server = bind(port);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
