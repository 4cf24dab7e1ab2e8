package io.connectusm.agent.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Builds and writes the agent's HTTP responses: JSON errors {@code {"error_code":N,"message":"…"}}, the
 * bodies the worker extension reads, and plain bodies for the control plane. Stateless; thread-safe.
 */
public final class HttpResponses {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The content type of every JSON body. */
    public static final String JSON = "application/json";

    private HttpResponses() {
    }

    /** A response with {@code body} (may be empty) of {@code contentType}. */
    public static FullHttpResponse of(int status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        if (status != 204) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            HttpUtil.setContentLength(response, body.length);
        }
        return response;
    }

    /** The JSON error body of the data plane. */
    public static FullHttpResponse error(int status, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("error_code", status).put("message", message);
        return of(status, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code response}, keeping the connection open only when the request allowed it. */
    public static ChannelFuture write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            return ctx.writeAndFlush(response);
        }
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
