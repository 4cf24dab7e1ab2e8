package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.connectusm.events.MediaTypes;
import io.connectusm.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken clients against a real agent: correct answers, and a well-behaved worker still served. */
class BadInputTest {

    private static final int MAX_BODY = AgentConfig.MAX_BODY_BYTES_DEFAULT;

    @TempDir
    static Path dir;

    static AgentHarness harness;
    static HttpClient worker;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Map<String, String> config = AgentHarness.baseConfig(pki, dir, CLUSTER);
        config.put(AgentConfig.MAX_BODY_BYTES_CONFIG, String.valueOf(MAX_BODY));
        config.put(AgentConfig.MAX_HEADER_BYTES_CONFIG, "4096");
        config.put(AgentConfig.REQUEST_TIMEOUT_CONFIG, "1500");
        config.put(AgentConfig.HANDSHAKE_TIMEOUT_CONFIG, "1000");
        config.put(AgentConfig.IDLE_TIMEOUT_CONFIG, "3000");
        config.put(AgentConfig.MAX_CONNECTIONS_PER_PEER_CONFIG, "40");
        config.put(AgentConfig.MAX_PENDING_HANDSHAKES_PER_PEER_CONFIG, "60");
        harness = AgentHarness.start(pki, dir, config);
        worker = harness.client(CLUSTER.connectClusterId());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** After every abuse, a well-behaved worker is served as usual. */
    @AfterEach
    void wellBehavedWorkerIsStillServed() throws Exception {
        assertThat(harness.post(worker, batch(snapshot(CLUSTER, "healthy", "t-" + System.nanoTime()))).statusCode())
                .isEqualTo(204);
    }

    private static HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return worker.send(HttpRequest.newBuilder(harness.eventsUri()).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void malformedJsonGets400() throws Exception {
        HttpResponse<String> response = post(MediaTypes.CLOUDEVENTS_BATCH_JSON, "[{\"id\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error_code\":400,\"message\":");
    }

    @Test
    void garbageBytesGet400() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        assertThat(post(MediaTypes.CLOUDEVENTS_BATCH_JSON, garbage).statusCode()).isEqualTo(400);
    }

    @Test
    void wrongContentTypeGets415() throws Exception {
        assertThat(post("text/plain", batch(snapshot(CLUSTER, "a", "t"))).statusCode()).isEqualTo(415);
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        HttpResponse<String> response = post(MediaTypes.CLOUDEVENTS_BATCH_JSON, new byte[MAX_BODY + 1]);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error_code\":413");
    }

    @Test
    void tenThousandEventsInABatchGet413() throws Exception {
        // Empty inventories are the smallest events; 10,000 of them fit under the body limit, so the
        // decoder's batch limit must answer.
        String one = new String(batch(TestEvents.inventory(CLUSTER)), StandardCharsets.UTF_8);
        String event = one.substring(1, one.length() - 1);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            json.append(i == 0 ? "" : ",").append(event);
        }
        byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).as("under the body limit, so the event limit answers").isLessThanOrEqualTo(MAX_BODY);
        HttpResponse<String> response = post(MediaTypes.CLOUDEVENTS_BATCH_JSON, body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("over a limit").doesNotContain("request body");
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        HttpResponse<String> response = worker.send(HttpRequest.newBuilder(harness.eventsUri())
                .header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON).header("X-Padding", "x".repeat(8000))
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch(snapshot(CLUSTER, "a", "t")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(431);
    }

    @Test
    void aSlowDripIsDisconnectedAtTheRequestDeadline() throws Exception {
        byte[] request = ("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + MediaTypes.CLOUDEVENTS_BATCH_JSON + "\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) TestPki.sslContext(harness.pki.client(CLUSTER.connectClusterId()))
                .getSocketFactory().createSocket("localhost", harness.agent.dataPort())) {
            socket.setSoTimeout(200);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            AtomicInteger sent = new AtomicInteger();
            // One byte about every 300 ms (the 200 ms read timeout, then the poll interval): never idle, never done.
            await("closed by the agent").atMost(Duration.ofSeconds(10)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        try {
                            out.write(request[sent.getAndIncrement() % request.length]);
                            out.flush();
                            return in.read() == -1;
                        } catch (SocketTimeoutException stillOpen) {
                            return false;
                        } catch (IOException reset) {
                            return true;
                        }
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(harness.metric("usm_agent_connections_closed_total{reason=\"request_timeout\"}")).isPositive();
    }

    @Test
    void manyIdleConnectionsDoNotStopTheAgent() throws Exception {
        String overCap = "usm_agent_connections_closed_total{reason=\"too_many_handshakes\"}";
        String timedOut = "usm_agent_tls_handshake_failures_total{reason=\"timeout\"}";
        double overCapBefore = Math.max(0, harness.metric(overCap));
        double timedOutBefore = Math.max(0, harness.metric(timedOut));
        List<Socket> idle = new ArrayList<>();
        try {
            // More than the cap of 40 handshaken connections, none of them ever starting TLS: they count against
            // the cap of 60 pending handshakes only, so a worker's new connection still gets in.
            for (int i = 0; i < 50; i++) {
                idle.add(new Socket("127.0.0.1", harness.agent.dataPort()));
            }
            HttpClient fresh = harness.client(CLUSTER.connectClusterId());
            assertThat(harness.post(fresh, batch(snapshot(CLUSTER, "busy", "t-" + System.nanoTime()))).statusCode())
                    .isEqualTo(204);
            // beyond the pending cap, sockets are closed at once
            for (int i = 0; i < 20; i++) {
                idle.add(new Socket("127.0.0.1", harness.agent.dataPort()));
            }
            await("pending connections over their cap closed at once").atMost(Duration.ofSeconds(10))
                    .until(() -> harness.metricNow(overCap) - overCapBefore >= 10);
            await("every idle connection closed, over the cap or at the handshake deadline").atMost(Duration.ofSeconds(10))
                    .until(() -> harness.metricNow(overCap) - overCapBefore
                            + harness.metricNow(timedOut) - timedOutBefore >= 70);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void nonTlsBytesOnTheDataPortAreRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", harness.agent.dataPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(64);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotStartWith("HTTP/1.1 2");
        }
    }
}
