package io.connectusm.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the simultaneous connections of one remote IP address, so that one client cannot hold every socket of a
 * server: a connection over a cap is closed at once. Two ways to count, one per factory:
 * <ul>
 * <li>{@link #openConnections}: every open connection counts from its accept, before its TLS handshake costs
 * anything (the endpoint, whose clients authenticate per request);</li>
 * <li>{@link #afterHandshake}: two separate counts, so that unauthenticated sockets cannot lock clients out:
 * connections still in their TLS handshake (each bounded by the handshake timeout) and connections whose
 * handshake completed, i.e. that presented a trusted certificate when client auth is on (the agent's data
 * plane). Without an {@link SslHandler} in the pipeline a connection is handshaken at once.</li>
 * </ul>
 * The first handler of a pipeline. Sharable and thread-safe: one instance per listener; a channel's transitions
 * run on its event loop.
 */
@ChannelHandler.Sharable
public final class PeerConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<Counted> COUNTED = AttributeKey.valueOf(PeerConnectionLimiter.class, "counted");

    private final int maxPerPeer;
    private final int maxPendingPerPeer;
    private final boolean waitForHandshake;
    private final CloseListener listener;
    private final Map<InetAddress, Integer> pending = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> established = new ConcurrentHashMap<>();

    /** Where one channel is counted: its address, and whether it left the pending count. */
    private static final class Counted {
        final InetAddress address;
        boolean handshaken;

        Counted(InetAddress address) {
            this.address = address;
        }
    }

    private PeerConnectionLimiter(int maxPerPeer, int maxPendingPerPeer, boolean waitForHandshake,
            CloseListener listener) {
        if (maxPerPeer < 1 || maxPendingPerPeer < 1) {
            throw new IllegalArgumentException("the per-peer caps must be positive: " + maxPerPeer + ", "
                    + maxPendingPerPeer);
        }
        this.maxPerPeer = maxPerPeer;
        this.maxPendingPerPeer = maxPendingPerPeer;
        this.waitForHandshake = waitForHandshake;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** At most {@code maxPerPeer} open connections per address, counted from their accept. */
    public static PeerConnectionLimiter openConnections(int maxPerPeer, CloseListener listener) {
        return new PeerConnectionLimiter(maxPerPeer, Integer.MAX_VALUE, false, listener);
    }

    /**
     * At most {@code maxPendingPerPeer} connections per address in their TLS handshake and, apart from them, at
     * most {@code maxPerPeer} whose handshake completed.
     */
    public static PeerConnectionLimiter afterHandshake(int maxPerPeer, int maxPendingPerPeer,
            CloseListener listener) {
        return new PeerConnectionLimiter(maxPerPeer, maxPendingPerPeer, true, listener);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            Counted counted = new Counted(inet.getAddress());
            ctx.channel().attr(COUNTED).set(counted);
            if (pending.merge(counted.address, 1, Integer::sum) > maxPendingPerPeer) {
                reject(ctx, CloseReason.TOO_MANY_HANDSHAKES);
                return;
            }
            SslHandler tls = waitForHandshake ? ctx.pipeline().get(SslHandler.class) : null;
            if (tls != null) {
                tls.handshakeFuture().addListener(done -> {
                    if (done.isSuccess()) {
                        handshaken(ctx, counted);
                    }
                });
            } else if (!handshaken(ctx, counted)) {
                return;
            }
        }
        super.channelActive(ctx);
    }

    /** Moves a channel from the pending to the established count; false when that closed it. */
    private boolean handshaken(ChannelHandlerContext ctx, Counted counted) {
        if (!ctx.channel().isActive() || ctx.channel().attr(COUNTED).get() != counted) {
            return false;
        }
        decrement(pending, counted.address);
        counted.handshaken = true;
        if (established.merge(counted.address, 1, Integer::sum) > maxPerPeer) {
            reject(ctx, CloseReason.TOO_MANY_CONNECTIONS);
            return false;
        }
        return true;
    }

    private void reject(ChannelHandlerContext ctx, CloseReason reason) {
        listener.closing(reason);
        ctx.close();
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

    /** Connections of {@code address} counted now (pending and established), for tests and diagnostics. */
    int counted(InetAddress address) {
        return pending.getOrDefault(address, 0) + established.getOrDefault(address, 0);
    }
}
