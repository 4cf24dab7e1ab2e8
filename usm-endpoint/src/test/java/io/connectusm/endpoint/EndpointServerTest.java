package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener over real sockets: idle clients are closed, oversized bodies get the JSON 413. */
class EndpointServerTest {

    @TempDir
    Path dir;

    private UsmEndpoint start() throws InterruptedException {
        return UsmEndpoint.start(new EndpointConfig(Map.of(EndpointConfig.PORT_CONFIG, "0",
                EndpointConfig.DATA_DIR_CONFIG, dir.toString(), EndpointConfig.IDLE_TIMEOUT_MS_CONFIG, "300",
                EndpointConfig.REQUEST_MAX_BYTES_CONFIG, "2048")));
    }

    @Test
    void anIdleClientIsDisconnected() throws Exception {
        try (UsmEndpoint endpoint = start(); Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(50); // each poll reads briefly; the deadline is Awaitility's

            await().atMost(Duration.ofSeconds(10)).until(() -> closedByPeer(socket));
        }
    }

    /** Whether the server closed the connection: a read sees end of stream (no data is ever sent to us). */
    private static boolean closedByPeer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void anOversizedBodyGetsTheJson413() throws Exception {
        try (UsmEndpoint endpoint = start(); Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /usm/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String response = readAll(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"");
        }
    }

    private static String readAll(InputStream in) throws Exception {
        StringBuilder out = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete response within the deadline; got: " + out, e);
        }
        return out.toString();
    }
}
