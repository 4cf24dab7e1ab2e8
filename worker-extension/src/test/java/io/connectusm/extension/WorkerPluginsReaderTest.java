package io.connectusm.extension;

import com.sun.net.httpserver.HttpServer;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.testkit.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's own {@code GET /connector-plugins} over a real local HTTP server: the list as Connect answers it,
 * and a REST API that wants credentials (a security extension) said once in the log, not retried every pass.
 */
class WorkerPluginsReaderTest {

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/connector-plugins", exchange -> {
            byte[] body = ("[{\"class\":\"org.apache.kafka.connect.file.FileStreamSinkConnector\",\"type\":\"sink\","
                    + "\"version\":\"4.3.1\"},{\"class\":\"org.apache.kafka.connect.transforms.Cast$Key\","
                    + "\"type\":\"transformation\"}]").getBytes(StandardCharsets.UTF_8);
            int answer = status.get();
            exchange.sendResponseHeaders(answer, answer == 200 ? body.length : -1);
            if (answer == 200) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsThePluginsConnectLists() throws IOException {
        Optional<List<PluginDescriptor>> plugins = new WorkerPluginsReader(Duration.ofSeconds(5)).read(start());

        assertThat(plugins).isPresent();
        assertThat(plugins.get()).extracting(PluginDescriptor::className).containsExactly(
                "org.apache.kafka.connect.file.FileStreamSinkConnector", "org.apache.kafka.connect.transforms.Cast$Key");
    }

    @Test
    void aRestApiThatWantsCredentialsIsSaidOnceAndMarked() throws IOException {
        URI base = start();
        status.set(401);
        WorkerPluginsReader reader = new WorkerPluginsReader(Duration.ofSeconds(5));
        try (LogCapture logs = new LogCapture()) {
            assertThat(reader.read(base)).isEmpty();
            assertThat(reader.read(base)).isEmpty();

            assertThat(reader.authenticationRequired()).isTrue();
            assertThat(logs.lines()).filteredOn(line -> line.contains("requires credentials")).hasSize(1);
        }
    }

    @Test
    void aWorkerNotReadyYetIsNoCredentialsProblem() throws IOException {
        URI base = start();
        status.set(503);
        WorkerPluginsReader reader = new WorkerPluginsReader(Duration.ofSeconds(5));

        assertThat(reader.read(base)).isEmpty();
        assertThat(reader.authenticationRequired()).isFalse();
    }
}
