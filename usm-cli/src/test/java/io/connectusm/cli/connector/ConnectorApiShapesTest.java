package io.connectusm.cli.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;

/**
 * The connector commands against {@code usm/v1} answers the endpoint does not send yet but may: a per-key reason
 * for each masked value ({@code masked_keys} as objects, or {@code mask_reasons}), and a connector list paged
 * through {@code metadata.next}. Served by an HTTP server on loopback with those bodies.
 */
class ConnectorApiShapesTest {

    static final String CC = "usmcc-abcdef123456";
    static final String BASE = "/usm/v1/connect-clusters/" + CC + "/connectors";

    HttpServer server;
    Map<String, String> bodies;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String next = "http://127.0.0.1:" + server.getAddress().getPort() + BASE + "?page_token=2";
        bodies = Map.of(
                BASE, "{\"kind\":\"ConnectorList\",\"metadata\":{\"next\":\"" + next + "\"},\"data\":[" + summary("b-2")
                        + "]}",
                BASE + "?page_token=2", "{\"kind\":\"ConnectorList\",\"metadata\":{},\"data\":[" + summary("a-1") + ","
                        + summary("c-3") + "]}",
                BASE + "/mirror", "{\"kind\":\"Connector\",\"name\":\"mirror\",\"connector_class\":\"org.apache.kafka."
                        + "connect.mirror.MirrorSourceConnector\",\"type\":\"source\",\"state\":\"RUNNING\","
                        + "\"worker_id\":\"w:8083\",\"trace\":null,\"tasks\":[],\"config\":{\"sasl.jaas.config\":"
                        + "\"********\",\"db.password\":\"********\",\"token.url\":\"https://h/t\",\"x\":\"1\"},"
                        + "\"masked_keys\":[{\"key\":\"sasl.jaas.config\",\"reason\":\"type PASSWORD (SaslConfigs)\"},"
                        + "\"db.password\",\"token.url\"],\"mask_reasons\":{\"db.password\":\"name: password\"},"
                        + "\"last_change\":\"2026-11-20T10:00:00Z\"}",
                BASE + "/mirror/history", "{\"kind\":\"ConnectorHistory\",\"data\":[]}");
    }

    private static String summary(String name) {
        return "{\"name\":\"" + name + "\",\"type\":\"sink\",\"state\":\"RUNNING\",\"tasks\":{\"running\":1,"
                + "\"total\":1},\"trace_present\":false,\"last_change\":\"2026-11-20T10:00:00Z\"}";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = bodies.get(exchange.getRequestURI().toString());
        byte[] bytes = (body == null ? "{\"errors\":[{\"status\":\"404\",\"code\":\"not_found\",\"detail\":\"no\"}]}"
                : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliRun run(String... command) {
        String[] connection = {"--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--api-key", "k",
            "--api-secret", "s", "--usm-config", "/nonexistent/login.properties"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                java.util.Arrays.stream(connection)).toArray(String[]::new);
        return CliRun.run(new ConnectCommand(), null, args);
    }

    @Test
    void theReasonOfEachMaskedKeyIsShownWhenTheEndpointGivesOne() {
        CliRun human = run("connector", "describe", "mirror", "--connect-cluster", CC);
        CliRun json = run("connector", "describe", "mirror", "--connect-cluster", CC, "-o", "json");

        assertThat(human.exitCode()).as(human.err()).isZero();
        Golden.assertMatches("connector-describe-reasons.txt", human.out());
        assertThat(json.out()).contains("\"mask_reason\": \"type PASSWORD (SaslConfigs)\"")
                .contains("\"mask_reason\": \"name: password\"").contains("\"mask_reason\": \"masked\"");
    }

    @Test
    void everyPageOfTheListIsRead() {
        CliRun run = run("connector", "list", "--connect-cluster", CC, "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"a-1\"").contains("\"b-2\"").contains("\"c-3\"");
        assertThat(run.out().indexOf("a-1")).as("sorted across pages").isLessThan(run.out().indexOf("b-2"));
    }
}
