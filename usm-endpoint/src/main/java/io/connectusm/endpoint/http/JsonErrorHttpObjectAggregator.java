package io.connectusm.endpoint.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * {@link HttpObjectAggregator} whose 413 for an oversized request carries the {@code usm/v1} JSON error body
 * (the stock one answers with an empty body), then closes the connection since the rest of the body would
 * otherwise have to be read and discarded.
 */
final class JsonErrorHttpObjectAggregator extends HttpObjectAggregator {

    private final int maxContentLength;
    private final boolean tls;

    JsonErrorHttpObjectAggregator(int maxContentLength, boolean tls) {
        super(maxContentLength);
        this.maxContentLength = maxContentLength;
        this.tls = tls;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        ApiResponse error = ErrorResponses.toResponse(
                UsmApiException.tooLarge("request body exceeds " + maxContentLength + " bytes"));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(error.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, error.body().length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        SecurityHeaders.apply(response.headers(), tls);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
