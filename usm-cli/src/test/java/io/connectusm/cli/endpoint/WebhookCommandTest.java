package io.connectusm.cli.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.connectusm.cli.output.CliRun;

/**
 * {@code usm endpoint webhook test NAME} against a real local HTTP receiver: one signed test delivery that says it
 * is a test, the receiver's answer reported, a refusal or an unreachable receiver an error that names the webhook
 * and never its URL (the URL's path carries a token, as a Slack webhook's does).
 */
class WebhookCommandTest {

    private static final String TOKEN = "T0KEN-in-the-url-path-4f9c2a";
    private static final String SECRET = "shared-signing-secret-0123456789";

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("path", exchange.getRequestURI().getPath(), "body", body,
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-USM-Signature-256")),
                    "timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("X-USM-Timestamp")),
                    "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void sendsOneSignedTestDeliveryAndSaysWhatTheReceiverAnswered() throws Exception {
        CliRun run = CliRun.run(new EndpointCommand(), null, "webhook", "test", "ops", "--config",
                config("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + TOKEN).toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Sent a test delivery to webhook \"ops\": the receiver answered HTTP 204.\n");
        assertThat(received).hasSize(1);
        Map<String, String> request = received.get(0);
        assertThat(request.get("path")).isEqualTo("/hooks/" + TOKEN);
        assertThat(request.get("content-type")).isEqualTo("application/cloudevents+json");
        JsonNode event = new ObjectMapper().readTree(request.get("body"));
        assertThat(event.get("type").asText()).isEqualTo("io.connectusm.alert.test");
        assertThat(event.get("data").get("webhook").asText()).isEqualTo("ops");
        assertThat(request.get("signature")).isEqualTo("sha256=" + hmac(request.get("timestamp") + "."
                + request.get("body")));
        assertThat(request.get("body")).doesNotContain(TOKEN).doesNotContain(SECRET);
        assertThat(run.out() + run.err()).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void aRefusalOrAnUnreachableReceiverFailsNamingTheWebhookNotItsUrl() throws Exception {
        status.set(500);
        CliRun refused = CliRun.run(new EndpointCommand(), null, "webhook", "test", "ops", "--config",
                config("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + TOKEN).toString());
        receiver.stop(0);
        CliRun unreachable = CliRun.run(new EndpointCommand(), null, "webhook", "test", "ops", "--config",
                config("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + TOKEN).toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("webhook \"ops\": test delivery failed: the receiver answered HTTP 500");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("webhook \"ops\": test delivery failed: ");
        assertThat(refused.out() + refused.err() + unreachable.out() + unreachable.err()).doesNotContain(TOKEN)
                .doesNotContain(SECRET);
    }

    @Test
    void anUnknownWebhookNamesTheConfiguredOnes() throws Exception {
        CliRun run = CliRun.run(new EndpointCommand(), null, "webhook", "test", "pager", "--config",
                config("http://127.0.0.1:1/hooks/" + TOKEN).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no webhook \"pager\" in the endpoint configuration (configured: ops)");
        assertThat(received).isEmpty();
    }

    private Path config(String url) throws IOException {
        Path secret = Files.writeString(dir.resolve("webhook-secret.txt"), SECRET + "\n");
        return Files.writeString(dir.resolve("endpoint.properties"), String.join("\n",
                "data.dir=" + dir.resolve("data"),
                "webhook.ops.url=" + url,
                "webhook.ops.secret.file=" + secret,
                "webhook.ops.events=connector.failed"));
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
