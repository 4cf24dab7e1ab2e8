package io.connectusm.endpoint.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import org.junit.jupiter.api.Test;

/**
 * The HTTP ↔ {@link RequestHandler} translation on an EmbeddedChannel: every request field reaches the handler,
 * the response goes back with its status, type, headers and body; oversized bodies and a full executor get the
 * JSON error shape. The router behind it is tested in the api package.
 */
class HttpApiHandlerTest {

    private final AtomicReference<ApiRequest> received = new AtomicReference<>();

    private RequestHandler echo(ApiResponse response) {
        return request -> {
            received.set(request);
            return response;
        };
    }

    private static FullHttpResponse exchange(EmbeddedChannel channel, FullHttpRequest request) {
        channel.writeInbound(request);
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).isNotNull();
        return response;
    }

    @Test
    void translatesARequestIntoAHandlerCallAndTheResultIntoJson() {
        ApiResponse created = ApiResponse.json(201, Json.object().put("id", "usmkc-1"))
                .withHeader("X-Extra", "yes");
        EmbeddedChannel channel = new EmbeddedChannel(new HttpApiHandler(echo(created), Runnable::run));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/usm/v1/kafka-clusters?environment=env-1&page_size=5&x=%20y", Unpooled.copiedBuffer(
                "{\"cloud\":\"azure\"}", StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "Basic a2V5OnNlY3JldA==");
        request.headers().set(HttpHeaderNames.HOST, "usm.example.com:8443");

        FullHttpResponse response = exchange(channel, request);

        ApiRequest seen = received.get();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/usm/v1/kafka-clusters");
        assertThat(seen.segments()).containsExactly("usm", "v1", "kafka-clusters");
        assertThat(seen.query()).isEqualTo(Map.of("environment", List.of("env-1"), "page_size", List.of("5"),
                "x", List.of(" y")));
        assertThat(seen.authorization()).isEqualTo("Basic a2V5OnNlY3JldA==");
        assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("{\"cloud\":\"azure\"}");
        assertThat(seen.host()).isEqualTo("usm.example.com:8443");
        assertThat(response.status().code()).isEqualTo(201);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(response.headers().get("X-Extra")).isEqualTo("yes");
        assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"usmkc-1\"}");
        response.release();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aHandlerFailureBecomesTheJsonErrorShape() {
        RequestHandler failing = request -> {
            throw UsmApiException.unauthorized();
        };
        EmbeddedChannel channel = new EmbeddedChannel(new HttpApiHandler(failing, Runnable::run));

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
        EmbeddedChannel server = new EmbeddedChannel(new HttpServerCodec(), new JsonErrorHttpObjectAggregator(1024, false),
                new HttpApiHandler(echo(ApiResponse.noContent()), Runnable::run));
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
        assertThat(received.get()).as("the handler never saw the oversized request").isNull();
        response.release();
        assertFalse(server.finishAndReleaseAll());
        assertFalse(client.finishAndReleaseAll());
    }

    @Test
    void aFullExecutorAnswers503WithRetryAfter() {
        Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        EmbeddedChannel channel = new EmbeddedChannel(new HttpApiHandler(echo(ApiResponse.noContent()), full));

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
