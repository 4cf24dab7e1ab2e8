package io.connectusm.agent.control;

import io.connectusm.agent.http.HttpResponses;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Translates control plane HTTP requests into {@link ControlPlane#handle} calls. Sharable and stateless.
 */
@ChannelHandler.Sharable
final class ControlPlaneHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final ControlPlane controlPlane;

    ControlPlaneHandler(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            HttpResponses.write(ctx, HttpResponses.error(400, "not valid HTTP/1.1"), false);
            return;
        }
        ControlPlane.Response response = controlPlane.handle(request.method().name(),
                new QueryStringDecoder(request.uri()).path());
        HttpResponses.write(ctx, HttpResponses.of(response.status(), response.contentType(), response.body()),
                HttpUtil.isKeepAlive(request));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
