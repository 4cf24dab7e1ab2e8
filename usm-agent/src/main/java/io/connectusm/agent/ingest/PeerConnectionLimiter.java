package io.connectusm.agent.ingest;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps simultaneous connections per remote IP address, in two separate counts so that unauthenticated sockets
 * cannot lock workers out: connections still in their TLS handshake (at most {@code maxPendingPerPeer}, each
 * bounded by the handshake timeout) and connections whose handshake completed, i.e. that presented a trusted
 * certificate when client auth is on (at most {@code maxPerPeer}). A connection over either cap is closed at once.
 * Sharable and thread-safe (one instance per listener); a channel's transitions run on its event loop.
 */
@ChannelHandler.Sharable
final class PeerConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<Counted> COUNTED = AttributeKey.valueOf(PeerConnectionLimiter.class, "counted");

    private final int maxPerPeer;
    private final int maxPendingPerPeer;
    private final IngestMetrics metrics;
    private final Map<InetAddress, Integer> pending = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> established = new ConcurrentHashMap<>();

    /** Where one channel is counted: its address, and whether its handshake completed. */
    private static final class Counted {
        final InetAddress address;
        boolean handshaken;

        Counted(InetAddress address) {
            this.address = address;
        }
    }

    PeerConnectionLimiter(int maxPerPeer, int maxPendingPerPeer, IngestMetrics metrics) {
        this.maxPerPeer = maxPerPeer;
        this.maxPendingPerPeer = maxPendingPerPeer;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            Counted counted = new Counted(inet.getAddress());
            ctx.channel().attr(COUNTED).set(counted);
            if (pending.merge(counted.address, 1, Integer::sum) > maxPendingPerPeer) {
                metrics.connectionsClosed.labelValues(IngestMetrics.TOO_MANY_HANDSHAKES).inc();
                ctx.close();
                return;
            }
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            if (tls != null) {
                tls.handshakeFuture().addListener(done -> {
                    if (done.isSuccess()) {
                        handshaken(ctx, counted);
                    }
                });
            } else {
                handshaken(ctx, counted);
            }
        }
        super.channelActive(ctx);
    }

    private void handshaken(ChannelHandlerContext ctx, Counted counted) {
        if (!ctx.channel().isActive() || ctx.channel().attr(COUNTED).get() != counted) {
            return;
        }
        decrement(pending, counted.address);
        counted.handshaken = true;
        if (established.merge(counted.address, 1, Integer::sum) > maxPerPeer) {
            metrics.connectionsClosed.labelValues(IngestMetrics.TOO_MANY_CONNECTIONS).inc();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Counted counted = ctx.channel().attr(COUNTED).getAndSet(null);
        if (counted != null) {
            decrement(counted.handshaken ? established : pending, counted.address);
        }
        super.channelInactive(ctx);
    }

    private static void decrement(Map<InetAddress, Integer> counts, InetAddress address) {
        counts.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
    }
}
