package io.connectusm.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;

/**
 * {@code usm connect cluster list} against an HTTP server on loopback that answers {@code GET /v1/clusters}
 * with the agent control plane's documented body (the agent itself lives in another module).
 */
class LocalClusterListCommandTest {

    static final String BODY = "{\"clusters\":[{\"kafka_cluster_id\":\"4k0R9d1GTS5tI9f4Y2xZ0Q\","
            + "\"connect_cluster_id\":\"connect-group-xyz123\",\"registered\":false,\"usm_connect_cluster_id\":null,"
            + "\"connector_count\":3,\"first_seen\":\"2026-11-20T10:00:00Z\",\"last_seen\":\"2026-11-20T10:05:00Z\","
            + "\"events_accepted\":0,\"events_rejected\":12},{\"kafka_cluster_id\":\"4k0R9d1GTS5tI9f4Y2xZ0Q\","
            + "\"connect_cluster_id\":\"connect-other\",\"registered\":true,\"usm_connect_cluster_id\":"
            + "\"usmcc-abcdef123456\",\"connector_count\":12,\"first_seen\":\"2026-11-20T09:00:00Z\","
            + "\"last_seen\":\"2026-11-20T10:04:00Z\",\"events_accepted\":40,\"events_rejected\":0}]}";

    HttpServer agent;

    @BeforeEach
    void start() throws Exception {
        agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/v1/clusters", exchange -> {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        agent.start();
    }

    @AfterEach
    void stop() {
        agent.stop(0);
    }

    @Test
    void listsTheLocalClustersTheAgentHasSeen() {
        CliRun run = CliRun.run(new ConnectCommand(), null, "cluster", "list", "--agent-url",
                "http://127.0.0.1:" + agent.getAddress().getPort());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Golden.assertMatches("connect-cluster-list.txt", run.out());
    }

    @Test
    void anUnreachableAgentIsAClearError() {
        int port = agent.getAddress().getPort();
        agent.stop(0);

        CliRun run = CliRun.run(new ConnectCommand(), null, "cluster", "list", "--agent-url", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: cannot connect to http://127.0.0.1:" + port + ": connection refused\n");
    }
}
