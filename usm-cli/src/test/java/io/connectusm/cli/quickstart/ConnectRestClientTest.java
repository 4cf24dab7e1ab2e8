package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The quickstart's Connect calls against a real local HTTP server that is not listening yet when the call starts, as
 * a worker on a saturated machine can be: the call waits for the listener instead of failing the quickstart.
 */
class ConnectRestClientTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCallMadeBeforeTheWorkerListensIsSentOnceItDoes() throws Exception {
        int port = freePort();
        List<String> received = new CopyOnWriteArrayList<>();
        ConnectRestClient client = new ConnectRestClient("http://127.0.0.1:" + port);
        AtomicReference<Thread> caller = new AtomicReference<>();

        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                client.putConfig("sample source", Map.of("connector.class", "FileStreamSource"));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // The caller sleeps between attempts only after a refused connection: then start the listener.
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> caller.get() != null && caller.get().getState() == Thread.State.TIMED_WAITING);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();

        call.get(60, TimeUnit.SECONDS);
        assertThat(received).containsExactly("PUT /connectors/sample%20source/config");
    }

    @Test
    void readinessIsNotRetriedSoTheCallerCanCheckTheWorkerIsAlive() throws Exception {
        ConnectRestClient client = new ConnectRestClient("http://127.0.0.1:" + freePort());
        long start = System.nanoTime();

        assertThatThrownBy(client::isReady).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
