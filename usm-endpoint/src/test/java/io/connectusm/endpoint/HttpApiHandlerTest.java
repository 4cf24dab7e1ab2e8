package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The HTTP ↔ router translation on an EmbeddedChannel, with a real (temporary) database behind it. */
class HttpApiHandlerTest {

    @TempDir
    Path dir;
    Database database;
    ApiRouter router;
    ApiKeyCredentials admin;

    @BeforeEach
    void setUp() {
        database = Database.open(dir);
        ApiKeys keys = new ApiKeys(database, false, 1_000);
        admin = keys.create(ApiRole.ADMIN, "");
        router = ApiRouter.over(database, keys, new IdGenerator(), "env-default1");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private FullHttpResponse exchange(EmbeddedChannel channel, FullHttpRequest request) {
        channel.writeInbound(request);
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).isNotNull();
        return response;
    }

    @Test
    void translatesARequestIntoARouterCallAndTheResultIntoJson() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpApiHandler(router, Runnable::run));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/usm/v1/kafka-clusters", Unpooled.copiedBuffer("{\"confluent_platform_kafka_cluster_id\":\"k1\","
                + "\"cloud\":\"azure\",\"region\":\"westeurope\"}", StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.AUTHORIZATION, TestEndpoint.basic(admin.key(), admin.secret()));

        FullHttpResponse response = exchange(channel, request);

        assertThat(response.status().code()).isEqualTo(201);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        String body = response.content().toString(StandardCharsets.UTF_8);
        assertThat(Json.tree(body).get("environment").get("id").asText()).isEqualTo("env-default1");
        assertThat(Json.tree(body).get("cloud").asText()).isEqualTo("AZURE");
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void unauthenticatedRequestsGet401WithAChallenge() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpApiHandler(router, Runnable::run));

        FullHttpResponse response = exchange(channel, new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/usm/v1/kafka-clusters?environment=env-1"));

        assertThat(response.status().code()).isEqualTo(401);
        assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(response.content().toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"errors\":[{\"status\":\"401\",\"code\":\"unauthorized\",\"detail\":\"authentication required\"}]}");
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void anOversizedBodyGets413InTheErrorShapeAndTheConnectionCloses() {
        EmbeddedChannel server = new EmbeddedChannel(new HttpServerCodec(), new JsonErrorHttpObjectAggregator(1024),
                new HttpApiHandler(router, Runnable::run));
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(65536));
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/usm/v1/events");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 5000);
        client.writeOutbound(request);
        Object encoded;
        while ((encoded = client.readOutbound()) != null) {
            server.writeInbound(encoded);
        }
        server.runPendingTasks();
        Object out;
        while ((out = server.readOutbound()) != null) {
            client.writeInbound(out);
        }
        FullHttpResponse response = client.readInbound();

        assertThat(response.status().code()).isEqualTo(413);
        assertThat(response.content().toString(StandardCharsets.UTF_8))
                .contains("\"status\":\"413\"").contains("payload_too_large");
        assertThat(server.isOpen()).isFalse();
        response.release();
        assertFalse(server.finishAndReleaseAll());
        assertFalse(client.finishAndReleaseAll());
    }

    @Test
    void listLinksUseTheHostTheClientAddressedNotTheBindAddress() {
        router.baseUrl("https://0.0.0.0:8443");
        EmbeddedChannel channel = new EmbeddedChannel(new HttpApiHandler(router, Runnable::run));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/usm/v1/connect-clusters?environment=env-1&page_size=5");
        request.headers().set(HttpHeaderNames.AUTHORIZATION, TestEndpoint.basic(admin.key(), admin.secret()));
        request.headers().set(HttpHeaderNames.HOST, "usm.example.com:8443");

        FullHttpResponse response = exchange(channel, request);

        assertThat(Json.tree(response.content().toString(StandardCharsets.UTF_8)).get("metadata").get("first").asText())
                .isEqualTo("https://usm.example.com:8443/usm/v1/connect-clusters?environment=env-1&page_size=5");
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aFullExecutorAnswers503WithRetryAfter() {
        java.util.concurrent.Executor full = task -> {
            throw new java.util.concurrent.RejectedExecutionException("queue full");
        };
        EmbeddedChannel channel = new EmbeddedChannel(new HttpApiHandler(router, full));

        FullHttpResponse response = exchange(channel, new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/usm/v1/kafka-clusters?environment=env-1"));

        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo("1");
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"code\":\"unavailable\"");
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void requestToStringLeavesOutCredentialsAndBody() {
        ApiRequest request = ApiRequest.of("POST", "/usm/v1/events?x=1", "Basic c2VjcmV0", "secret-body".getBytes(
                StandardCharsets.UTF_8), "localhost");

        assertThat(request.toString()).isEqualTo("POST /usm/v1/events");
        assertThat(Map.of("r", request).toString()).doesNotContain("c2VjcmV0");
    }
}
