package io.connectusm.endpoint.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * Caps the simultaneous connections of one remote IP address, so that one client cannot hold every socket and
 * thread of the endpoint: a connection over the cap is closed at once, before its TLS handshake costs anything.
 * The first handler of every pipeline. Sharable and thread-safe (one instance per listener).
 */
@ChannelHandler.Sharable
final class PeerConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<InetAddress> COUNTED =
            AttributeKey.valueOf(PeerConnectionLimiter.class, "counted");

    private final int maxPerPeer;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    PeerConnectionLimiter(int maxPerPeer) {
        this.maxPerPeer = maxPerPeer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress address = inet.getAddress();
            ctx.channel().attr(COUNTED).set(address);
            if (open.merge(address, 1, Integer::sum) > maxPerPeer) {
                ctx.close();
                return;
            }
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        }
        super.channelInactive(ctx);
    }
}
