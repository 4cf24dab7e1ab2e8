package io.connectusm.extension;

import io.connectusm.events.MediaTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventSenderTest {

    @RegisterExtension
    static final MtlsReceiverFixture FIXTURE = new MtlsReceiverFixture();

    private static final byte[] BODY = "[]".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void answerDurable() {
        FIXTURE.receiver().answer(204);
    }

    private static EventSender sender(List<String> urls, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(FIXTURE.pki().workerProps(String.join(",", urls)));
        props.put("group.id", "connect-cluster-id");
        props.putAll(extra);
        MetadataEventsConfig config = new MetadataEventsConfig(props);
        return new EventSender(config.baseUrls(), TlsContextFactory.create(config), Duration.ofSeconds(2),
                config.basicAuthUser(), config.basicAuthPassword());
    }

    @Test
    void deliversOverMutualTlsWithTheClientCertificate() {
        int before = FIXTURE.receiver().requests().size();
        try (EventSender sender = sender(List.of(FIXTURE.receiver().baseUrl()), Map.of())) {
            EventSender.Result result = sender.send(BODY);

            assertThat(result.outcome()).isEqualTo(EventSender.Outcome.DELIVERED);
        }
        RecordingHttpsReceiver.Received request = FIXTURE.receiver().requests().get(before);
        assertThat(request.path()).isEqualTo("/v1/events");
        assertThat(request.clientSubject()).contains("CN=connect-cluster-id");
        assertThat(request.headers().get("Content-type")).containsExactly(MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(request.body()).isEqualTo(BODY);
    }

    @Test
    void failsOverToTheNextUrlWhenTheFirstRefusesConnections() throws IOException {
        int refusedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            refusedPort = socket.getLocalPort();
        }
        try (EventSender sender = sender(List.of("https://localhost:" + refusedPort, FIXTURE.receiver().baseUrl()), Map.of())) {
            assertThat(sender.send(BODY).outcome()).isEqualTo(EventSender.Outcome.DELIVERED);
        }
    }

    @Test
    void reportsUnregisteredClusterOn403() {
        FIXTURE.receiver().answer(403);
        try (EventSender sender = sender(List.of(FIXTURE.receiver().baseUrl()), Map.of())) {
            EventSender.Result result = sender.send(BODY);

            assertThat(result.outcome()).isEqualTo(EventSender.Outcome.UNREGISTERED);
            assertThat(result.detail()).contains("403").contains("not registered");
        }
    }

    @Test
    void reportsFailureWithRetryAfterOn503AndFailureOn500() {
        FIXTURE.receiver().answer(503);
        try (EventSender sender = sender(List.of(FIXTURE.receiver().baseUrl()), Map.of())) {
            EventSender.Result busy = sender.send(BODY);
            assertThat(busy.outcome()).isEqualTo(EventSender.Outcome.FAILED);
            assertThat(busy.retryAfter()).contains(Duration.ofSeconds(1));
            FIXTURE.receiver().answer(500);
            assertThat(sender.send(BODY).outcome()).isEqualTo(EventSender.Outcome.FAILED);
        }
    }

    @Test
    void aServerTheTrustStoreDoesNotTrustIsNeverSentTo() {
        // The JVM's default trust store does not know our test CA.
        int before = FIXTURE.receiver().requests().size();
        Map<String, String> props = new HashMap<>(FIXTURE.pki().workerProps(FIXTURE.receiver().baseUrl()));
        props.remove(MetadataEventsConfig.SSL_TRUSTSTORE_LOCATION_CONFIG);
        props.remove(MetadataEventsConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        props.put("group.id", "g");
        MetadataEventsConfig config = new MetadataEventsConfig(props);
        try (EventSender sender = new EventSender(config.baseUrls(), TlsContextFactory.create(config),
                Duration.ofSeconds(2), null, null)) {
            EventSender.Result result = sender.send(BODY);
            assertThat(result.outcome()).isEqualTo(EventSender.Outcome.FAILED);
            assertThat(result.detail()).contains("SSLHandshakeException");
        }
        assertThat(FIXTURE.receiver().requests()).hasSize(before);
    }

    @Test
    void sendsBasicAuthWhenApiKeyIsSet() {
        assertThat(authorizationSentWith("key1", "secret1")).containsExactly(basic("key1:secret1"));
    }

    @Test
    void sendsNoCredentialsForTheDummyPlaceholderOfConfluentsTooling() {
        // cp-ansible and CFK write api.key=api.secret=dummy when the agent has no basic auth.
        assertThat(authorizationSentWith("dummy", "dummy")).isNull();
    }

    @Test
    void aRealUserNamedDummyStillSendsItsCredentials() {
        assertThat(authorizationSentWith("dummy", "s3cret")).containsExactly(basic("dummy:s3cret"));
    }

    /** The Authorization header values of one delivered batch sent with these keys, or null when none. */
    private static List<String> authorizationSentWith(String apiKey, String apiSecret) {
        int before = FIXTURE.receiver().requests().size();
        try (EventSender sender = sender(List.of(FIXTURE.receiver().baseUrl()), Map.of(
                MetadataEventsConfig.API_KEY_CONFIG, apiKey, MetadataEventsConfig.API_SECRET_CONFIG, apiSecret))) {
            assertThat(sender.send(BODY).outcome()).isEqualTo(EventSender.Outcome.DELIVERED);
        }
        return FIXTURE.receiver().requests().get(before).headers().get("Authorization");
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHangingAgentCostsAtMostTheRequestTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            // Accepts TCP (the backlog does) and never answers: no TLS handshake ever completes.
            long start = System.nanoTime();
            try (EventSender sender = sender(List.of("https://localhost:" + silent.getLocalPort()), Map.of())) {
                assertThat(sender.send(BODY).outcome()).isEqualTo(EventSender.Outcome.FAILED);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }
}
