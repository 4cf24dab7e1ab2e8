package io.connectusm.agent.ingest;

import io.connectusm.agent.tls.PeerIdentityHandler;
import io.connectusm.agent.tls.ReloadingSslContext;
import io.connectusm.agent.tls.TlsMetrics;
import io.connectusm.netty.PeerConnectionLimiter;
import io.connectusm.netty.RequestDeadlineHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the data plane pipeline of each connection, in this order: per-peer connection cap → TLS (the
 * current, possibly rotated, context; handshake deadline) → peer identity → idle timeout → whole-request
 * deadline → HTTP codec (header limit) → aggregator (body limit) → {@link EventsHandler}. Nothing else.
 * Thread-safe; one per listener.
 */
public final class AgentChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** The one resource the data plane serves, {@code POST /v1/events}. */
    public static final String EVENTS_PATH = EventsHandler.EVENTS_PATH;

    static final String PEER_LIMIT = "peer-limit";
    static final String TLS = "tls";
    static final String PEER_IDENTITY = "peer-identity";
    static final String IDLE = "idle";
    static final String DEADLINE = "deadline";
    static final String HTTP_CODEC = "http-codec";
    static final String AGGREGATOR = "aggregator";
    static final String EVENTS = "events";

    /** Longest request line; the data plane has one short path. */
    static final int MAX_INITIAL_LINE_BYTES = 4096;

    private final ReloadingSslContext tls;
    private final DataPlaneSettings settings;
    private final PeerConnectionLimiter peerLimiter;
    private final EventRouter router;
    private final InFlightRequests inFlight;
    private final IngestMetrics metrics;
    private final TlsMetrics tlsMetrics;

    public AgentChannelInitializer(ReloadingSslContext tls, DataPlaneSettings settings, EventRouter router,
            InFlightRequests inFlight, IngestMetrics metrics, TlsMetrics tlsMetrics) {
        this.tls = tls;
        this.settings = settings;
        this.peerLimiter = PeerConnectionLimiter.afterHandshake(settings.maxConnectionsPerPeer(),
                settings.maxPendingHandshakesPerPeer(), metrics::connectionClosed);
        this.router = router;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.tlsMetrics = tlsMetrics;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(PEER_LIMIT, peerLimiter);
        pipeline.addLast(TLS, tls.newHandler(channel.alloc()));
        pipeline.addLast(PEER_IDENTITY, new PeerIdentityHandler(tlsMetrics));
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast(DEADLINE, new RequestDeadlineHandler(settings.requestTimeout(), metrics::connectionClosed));
        pipeline.addLast(HTTP_CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(settings.maxHeaderBytes())));
        pipeline.addLast(AGGREGATOR, new JsonHttpObjectAggregator(settings.maxBodyBytes(), metrics));
        pipeline.addLast(EVENTS, new EventsHandler(router, settings.basicAuth(), inFlight, metrics));
    }
}
