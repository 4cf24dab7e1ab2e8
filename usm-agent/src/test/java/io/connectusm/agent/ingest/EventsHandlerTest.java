package io.connectusm.agent.ingest;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.batch;
import static io.connectusm.agent.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.connectusm.agent.registration.Registration;
import io.connectusm.agent.http.BasicCredentials;
import io.connectusm.agent.registration.ClusterActivity;
import io.connectusm.agent.registration.RegistrationMap;
import io.connectusm.agent.spool.Spool;
import io.connectusm.agent.spool.SpoolMetrics;
import io.connectusm.agent.spool.SpoolSettings;
import io.connectusm.agent.tls.PeerIdentity;
import io.connectusm.events.MediaTypes;
import io.connectusm.support.ConfigReferences;
import io.connectusm.support.Secret;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsHandlerTest {

    @TempDir
    Path dir;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final InFlightRequests inFlight = new InFlightRequests();
    private Spool spool;
    private EventRouter router;

    @BeforeEach
    void setUp() throws Exception {
        spool = Spool.open(new SpoolSettings(dir, 1 << 20, 4, 16), new SpoolMetrics(registry), () -> { },
                Clock.systemUTC());
        RegistrationMap registrations = new RegistrationMap();
        registrations.replaceStatic(List.of(new Registration(CLUSTER, "usmcc-1", null, null, null)));
        router = new EventRouter(EventRouterTest.settings(1000, 5), registrations, new ClusterActivity(Clock.systemUTC()),
                spool, metrics, () -> { }, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        spool.close();
    }

    private EmbeddedChannel channel(BasicCredentials basicAuth) {
        EmbeddedChannel channel = new EmbeddedChannel(new EventsHandler(router, basicAuth, inFlight, metrics));
        channel.attr(PeerIdentity.ATTRIBUTE).set(new PeerIdentity(CLUSTER.connectClusterId(), List.of()));
        return channel;
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String contentType, byte[] body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return request;
    }

    /**
     * Writes the request and runs the channel's tasks until the (asynchronous) response is out; on this thread, the
     * channel's only one.
     */
    private static FullHttpResponse exchange(EmbeddedChannel channel, FullHttpRequest request) {
        channel.writeInbound(request);
        AtomicReference<FullHttpResponse> response = new AtomicReference<>();
        await("a response").atMost(Duration.ofSeconds(5)).pollInSameThread().pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    channel.runPendingTasks();
                    response.set(channel.readOutbound());
                    return response.get() != null;
                });
        return response.get();
    }

    private static String body(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    @Test
    void answers204OnceTheBatchIsInTheSpool() throws Exception {
        EmbeddedChannel channel = channel(null);
        FullHttpResponse response = exchange(channel, request(HttpMethod.POST, "/v1/events",
                MediaTypes.CLOUDEVENTS_BATCH_JSON + "; charset=utf-8", batch(snapshot(CLUSTER, "a", "t"))));
        assertThat(response.status().code()).isEqualTo(204);
        response.release();
        assertThat(spool.pendingEvents()).isEqualTo(1);
        assertThat(inFlight.count()).isZero();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void answersJsonErrorsForWrongPathMethodAndContentType() throws Exception {
        EmbeddedChannel channel = channel(null);
        FullHttpResponse notFound = exchange(channel, request(HttpMethod.POST, "/v2/other", null, new byte[0]));
        assertThat(notFound.status().code()).isEqualTo(404);
        assertThat(body(notFound)).startsWith("{\"error_code\":404,\"message\":");
        FullHttpResponse wrongMethod = exchange(channel, request(HttpMethod.GET, "/v1/events", null, new byte[0]));
        assertThat(wrongMethod.status().code()).isEqualTo(405);
        assertThat(wrongMethod.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
        wrongMethod.release();
        FullHttpResponse wrongType = exchange(channel, request(HttpMethod.POST, "/v1/events", "application/json",
                batch(snapshot(CLUSTER, "a", "t"))));
        assertThat(wrongType.status().code()).isEqualTo(415);
        assertThat(body(wrongType)).contains(MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(spool.pendingEvents()).isZero();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void answers400NamingTheFieldForAMalformedBatch() throws Exception {
        EmbeddedChannel channel = channel(null);
        FullHttpResponse response = exchange(channel, request(HttpMethod.POST, "/v1/events",
                MediaTypes.CLOUDEVENTS_BATCH_JSON, "[{\"specversion\":\"1.0\"}]".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(body(response)).contains("\"error_code\":400").contains("[0]");
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void requiresBasicCredentialsWhenConfigured() throws Exception {
        Secret secret = new Secret("api.secret", "worker-secret", new ConfigReferences(Map.of()));
        EmbeddedChannel channel = channel(new BasicCredentials("worker", secret));
        FullHttpRequest anonymous = request(HttpMethod.POST, "/v1/events", MediaTypes.CLOUDEVENTS_BATCH_JSON,
                batch(snapshot(CLUSTER, "a", "t")));
        FullHttpResponse refused = exchange(channel, anonymous);
        assertThat(refused.status().code()).isEqualTo(401);
        assertThat(refused.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(body(refused)).doesNotContain("worker-secret");
        FullHttpRequest authorized = request(HttpMethod.POST, "/v1/events", MediaTypes.CLOUDEVENTS_BATCH_JSON,
                batch(snapshot(CLUSTER, "a", "t")));
        authorized.headers().set(HttpHeaderNames.AUTHORIZATION, "Basic "
                + Base64.getEncoder().encodeToString("worker:worker-secret".getBytes(StandardCharsets.UTF_8)));
        FullHttpResponse accepted = exchange(channel, authorized);
        assertThat(accepted.status().code()).isEqualTo(204);
        accepted.release();
        assertFalse(channel.finishAndReleaseAll());
    }
}
