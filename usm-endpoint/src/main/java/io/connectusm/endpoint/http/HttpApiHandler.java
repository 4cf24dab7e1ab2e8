package io.connectusm.endpoint.http;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates one aggregated HTTP request into an {@link ApiRequest}, runs the {@link RequestHandler} on the blocking
 * executor (database work and secret hashing never run on the event loop) and writes the
 * {@link ApiResponse} back on the channel's event loop. A full executor answers 503 with Retry-After.
 * One instance per channel.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);

    private final RequestHandler handler;
    private final Executor blockingExecutor;
    private final boolean tls;

    HttpApiHandler(RequestHandler handler, Executor blockingExecutor, boolean tls) {
        this.handler = handler;
        this.blockingExecutor = blockingExecutor;
        this.tls = tls;
    }

    HttpApiHandler(RequestHandler handler, Executor blockingExecutor) {
        this(handler, blockingExecutor, false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, ErrorResponses.toResponse(UsmApiException.badRequest("malformed HTTP request")), false);
            return;
        }
        ApiRequest apiRequest;
        try {
            apiRequest = ApiRequest.of(request.method().name(), request.uri(),
                    request.headers().get(HttpHeaderNames.AUTHORIZATION), ByteBufUtil.getBytes(request.content()),
                    request.headers().get(HttpHeaderNames.HOST), headers(request), remoteAddress(ctx));
        } catch (UsmApiException e) {
            write(ctx, ErrorResponses.toResponse(e), keepAlive);
            return;
        }
        try {
            CompletableFuture.supplyAsync(() -> handler.handle(apiRequest), blockingExecutor)
                    .whenComplete((response, failure) -> {
                        // A handler should answer every failure itself; one that throws still gets its answer.
                        ApiResponse out = failure == null ? response : ErrorResponses.toResponse(unwrap(failure));
                        ctx.executor().execute(() -> write(ctx, out, keepAlive));
                    });
        } catch (RejectedExecutionException e) {
            write(ctx, ErrorResponses.toResponse(UsmApiException.unavailable("endpoint busy, retry later"))
                    .withHeader("Retry-After", "1"), keepAlive);
        }
    }

    private static Map<String, String> headers(FullHttpRequest request) {
        Map<String, String> out = new TreeMap<>();
        for (String name : ApiRequest.HEADERS) {
            String value = request.headers().get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static String remoteAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    }

    private void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        if (response.contentType() != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            http.headers().set(header.getKey(), header.getValue());
        }
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        SecurityHeaders.apply(http.headers(), tls);
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            log.debug("closing idle connection {}", ctx.channel().remoteAddress());
        } else {
            // TLS failures and resets land here; the message names the reason, never request content.
            log.debug("closing connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
