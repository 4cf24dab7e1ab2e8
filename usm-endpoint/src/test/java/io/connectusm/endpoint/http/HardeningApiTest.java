package io.connectusm.endpoint.http;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;

/**
 * The probe's hostile requests, each against a real endpoint over real HTTPS on the real Netty pipeline: wrong
 * media types, cross-origin posts, dripped requests, too many sockets, oversized bodies, events from the future,
 * and the headers every answer must carry.
 */
class HardeningApiTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final int PEER_CAP = 6;
    private static final int DEADLINE_MS = 1_500;

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint(Map.of(
            EndpointConfig.MAX_CONNECTIONS_PER_PEER_CONFIG, Integer.toString(PEER_CAP),
            EndpointConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(DEADLINE_MS),
            EndpointConfig.EVENTS_MAX_FUTURE_MS_CONFIG, "60000",
            EndpointConfig.REQUEST_MAX_BYTES_CONFIG, "65536"));

    private static String admin() {
        return TestEndpoint.basic(endpoint.admin.key(), endpoint.admin.secret());
    }

    private static int apiKeyCount() {
        return TestEndpoint.json(endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.admin)).get("data").size();
    }

    private static final String NEW_ADMIN_KEY = "{\"spec\":{\"role\":\"admin\",\"description\":\"forged\"}}";

    @Test
    void theJsonApiTakesOnlyJsonBodies() {
        int before = apiKeyCount();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; "
                + "boundary=x", "text/plain; charset=application/json", "application/jsonx"}) {
            HttpResponse<String> r = endpoint.sendRaw("POST", "/usm/v1/api-keys", NEW_ADMIN_KEY, admin(), type);

            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(TestEndpoint.json(r).get("errors").get(0).get("code").asText())
                    .isEqualTo("unsupported_media_type");
        }
        HttpResponse<String> untyped = endpoint.sendWith("POST", "/usm/v1/api-keys", NEW_ADMIN_KEY, admin(),
                Map.of());
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(apiKeyCount()).isEqualTo(before);

        HttpResponse<String> json = endpoint.sendRaw("POST", "/usm/v1/api-keys", NEW_ADMIN_KEY, admin(),
                "Application/JSON; charset=utf-8");
        assertThat(json.statusCode()).isEqualTo(201);
        endpoint.send("DELETE", "/usm/v1/api-keys/" + TestEndpoint.json(json).get("id").asText(), null,
                endpoint.admin);
    }

    @Test
    void eventsTakeTheCloudEventsBatchTypeOrJsonAndNothingElse() {
        byte[] empty = "[]".getBytes(StandardCharsets.UTF_8);
        assertThat(endpoint.sendBytes("/usm/v1/events", empty, endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON)
                .statusCode()).isEqualTo(204);
        assertThat(endpoint.sendBytes("/usm/v1/events", empty, endpoint.agent, "application/json").statusCode())
                .isEqualTo(204);
        assertThat(endpoint.sendBytes("/usm/v1/events", empty, endpoint.agent, "text/plain").statusCode())
                .isEqualTo(415);
        // the batch type is the events route's only: elsewhere it is no JSON body
        assertThat(endpoint.sendRaw("POST", "/usm/v1/sightings", "{\"sightings\":[]}", TestEndpoint.basic(
                endpoint.agent.key(), endpoint.agent.secret()), MediaTypes.CLOUDEVENTS_BATCH_JSON).statusCode())
                .isEqualTo(415);
    }

    @Test
    void crossOriginStateChangesAreRefusedBeforeTheCredentialsAreLookedAt() {
        String own = endpoint.endpoint().baseUrl();
        String otherPort = own.replaceAll(":[0-9]+$", ":1");
        int before = apiKeyCount();
        List<Map<String, String>> forged = List.of(
                Map.of("Origin", otherPort), Map.of("Origin", "null"), Map.of("Origin", "https://evil.example"),
                Map.of("Origin", own.replace("https://", "http://")),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Sec-Fetch-Site", "cross-site", "Origin", own));
        for (Map<String, String> headers : forged) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put("Content-Type", "application/json");
            HttpResponse<String> r = endpoint.sendWith("POST", "/usm/v1/api-keys", NEW_ADMIN_KEY, admin(), all);
            // wrong credentials too: refused as cross-origin (403), so no secret hash ever runs for it
            HttpResponse<String> wrong = endpoint.sendWith("POST", "/usm/v1/api-keys", NEW_ADMIN_KEY,
                    TestEndpoint.basic(endpoint.admin.key(), "wrong"), all);

            assertThat(r.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(r.body()).contains("cross-origin request refused");
            assertThat(wrong.statusCode()).as(headers.toString()).isEqualTo(403);
        }
        assertThat(apiKeyCount()).isEqualTo(before);

        HttpResponse<String> sameOrigin = endpoint.sendWith("POST", "/usm/v1/api-keys", NEW_ADMIN_KEY, admin(),
                Map.of("Content-Type", "application/json", "Origin", own, "Sec-Fetch-Site", "same-origin"));
        assertThat(sameOrigin.statusCode()).isEqualTo(201);
        // reads are not state changes: a cross-site GET is answered (the browser keeps the answer from the page)
        assertThat(endpoint.sendWith("GET", "/usm/v1/api-keys", null, admin(), Map.of("Origin", otherPort,
                "Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(200);
        endpoint.send("DELETE", "/usm/v1/api-keys/" + TestEndpoint.json(sameOrigin).get("id").asText(), null,
                endpoint.admin);
    }

    @Test
    void everyAnswerSaysNosniffAndHstsOverHttps() {
        List<HttpResponse<String>> answers = List.of(
                endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.admin),
                endpoint.send("GET", "/usm/v1/api-keys", null, null),
                endpoint.send("GET", "/usm/v1/nothing", null, endpoint.admin),
                endpoint.sendRaw("POST", "/usm/v1/api-keys", "x", admin(), "text/plain"),
                endpoint.send("POST", "/usm/v1/api-keys", "{", endpoint.admin),
                endpoint.send("GET", "/ui/login", null, null),
                endpoint.send("GET", "/ui", null, null),
                endpoint.send("GET", "/ui/nothing", null, endpoint.admin));
        for (HttpResponse<String> r : answers) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri() + " " + r.statusCode())
                    .contains("nosniff");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as(r.uri().toString())
                    .contains("max-age=31536000");
        }
    }

    @Test
    void anOversizedContentLengthGetsTheJson413WithTheSecurityHeaders() throws Exception {
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /usm/v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/json")
                    .containsIgnoringCase("x-content-type-options: nosniff")
                    .containsIgnoringCase("strict-transport-security: max-age=31536000")
                    .contains("\"code\":\"payload_too_large\"");
        }
    }

    @Test
    void aRequestDrippedSlowerThanTheDeadlineIsCutOffThoughEachByteComesInTime() throws Exception {
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            String request = "GET /usm/v1/api-keys HTTP/1.1\r\nHost: localhost\r\nX-Drip: "
                    + "a".repeat(200) + "\r\n\r\n";
            boolean cut = false;
            for (byte b : request.getBytes(StandardCharsets.US_ASCII)) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                Thread.sleep(20); // 50 bytes/s, far inside the 60 s read timeout
                if (System.nanoTime() - start > Duration.ofMillis(DEADLINE_MS * 4L).toNanos()) {
                    break;
                }
            }
            socket.setSoTimeout(DEADLINE_MS * 3);
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException e) {
                read = -1;
            }
            assertThat(cut || read == -1).as("the connection is closed").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(DEADLINE_MS * 4L));
        }
    }

    @Test
    void onePeerCannotHoldMoreThanItsShareOfConnections() throws Exception {
        List<SSLSocket> held = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        try {
            for (int i = 0; i < PEER_CAP + 2; i++) {
                SSLSocket socket = openSocket();
                held.add(socket);
                try {
                    socket.setSoTimeout(5_000);
                    socket.startHandshake(); // over the cap the server closes before the handshake
                    accepted++;
                } catch (IOException e) {
                    refused++;
                }
            }
            // the test's HTTP client may hold pooled connections of its own: they count against the same cap
            assertThat(accepted).isLessThanOrEqualTo(PEER_CAP);
            assertThat(refused).isGreaterThanOrEqualTo(2);
        } finally {
            for (SSLSocket s : held) {
                s.close();
            }
        }
        // the slots come back when the held connections close
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(endpoint.send("GET", "/usm/v1/api-keys", null, endpoint.admin).statusCode()).isEqualTo(200));
    }

    @Test
    void eventsDatedBeyondTheToleranceAreRefusedWholeAndStoreNothing() {
        endpoint.registerKafka("env-clock", "kafka-clock");
        assertThat(endpoint.registerConnect("env-clock", "kafka-clock", "connect-clock").statusCode()).isEqualTo(201);
        String usmcc = TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters?environment=env-clock", null,
                endpoint.agent)).get("data").get(0).get("id").asText();
        ClusterRef ref = new ClusterRef("kafka-clock", "connect-clock");
        Instant now = Instant.now();

        HttpResponse<String> future = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(
                snapshot(ref, "ok", now, 1, ConnectorState.RUNNING, 1, Map.of("a", "1"), Set.of()),
                snapshot(ref, "ahead", now.plus(Duration.ofMinutes(3)), 1, ConnectorState.PAUSED, 0, Map.of(),
                        Set.of()))), endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(TestEndpoint.json(future).get("errors").get(0).get("detail").asText())
                .contains("event [1]").contains("more than 60 s after the endpoint's clock");
        assertThat(TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc + "/connectors", null,
                endpoint.admin)).get("data")).isEmpty();

        HttpResponse<String> withinTolerance = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(
                snapshot(ref, "slightly-ahead", now.plus(Duration.ofSeconds(30)), 1, ConnectorState.RUNNING, 1,
                        Map.of(), Set.of()))), endpoint.agent, MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(withinTolerance.statusCode()).isEqualTo(204);
        // a later event of the right clock still wins over the one 30 s ahead once its time has come
        assertThat(endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(List.of(snapshot(ref, "slightly-ahead",
                now.plus(Duration.ofSeconds(31)), 2, ConnectorState.PAUSED, 0, Map.of(), Set.of()))), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON).statusCode()).isEqualTo(204);
        assertThat(TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc
                + "/connectors/slightly-ahead", null, endpoint.admin)).get("state").asText()).isEqualTo("PAUSED");
    }

    @Test
    void listLinksNeverComeFromTheHostHeader() throws Exception {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(("GET /usm/v1/connect-clusters?environment=env-links&page_size=1 HTTP/1.1\r\n"
                    + "Host: evil.example:443\r\nAuthorization: " + admin() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("evil.example")
                    .contains("\"first\":\"/usm/v1/connect-clusters?environment=env-links&page_size=1\"");
        }
    }

    @Test
    void theDatabaseAndItsDirectoryAreTheOwnersOnly() throws IOException {
        Path data = endpoint.dir().resolve("data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            List<Path> all = files.toList();
            assertThat(all).isNotEmpty();
            for (Path file : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                        .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
            }
        }
    }

    private static SSLSocket openSocket() throws IOException {
        URI base = URI.create(endpoint.endpoint().baseUrl());
        SSLSocket socket = (SSLSocket) endpoint.sslContext().getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        return socket;
    }

    private static SSLSocket connect() throws IOException {
        SSLSocket socket = openSocket();
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
