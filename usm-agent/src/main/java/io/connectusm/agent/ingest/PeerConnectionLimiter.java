package io.connectusm.agent.ingest;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps simultaneous connections per remote IP address, so one client cannot take every file descriptor;
 * a connection over the cap is closed at once, before its TLS handshake costs anything. Sharable and
 * thread-safe (one instance per listener).
 */
@ChannelHandler.Sharable
final class PeerConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf(PeerConnectionLimiter.class, "counted");

    private final int maxPerPeer;
    private final IngestMetrics metrics;
    private final Map<InetAddress, Integer> connections = new ConcurrentHashMap<>();

    PeerConnectionLimiter(int maxPerPeer, IngestMetrics metrics) {
        this.maxPerPeer = maxPerPeer;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress address = inet.getAddress();
            int count = connections.merge(address, 1, Integer::sum);
            ctx.channel().attr(COUNTED).set(address);
            if (count > maxPerPeer) {
                metrics.connectionsClosed.labelValues(IngestMetrics.TOO_MANY_CONNECTIONS).inc();
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
            connections.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
        }
        super.channelInactive(ctx);
    }
}
