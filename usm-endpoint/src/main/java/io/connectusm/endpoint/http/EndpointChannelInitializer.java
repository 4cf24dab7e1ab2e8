package io.connectusm.endpoint.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.connectusm.netty.CloseListener;
import io.connectusm.netty.PeerConnectionLimiter;
import io.connectusm.netty.RequestDeadlineHandler;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * Builds each connection's pipeline, in order: per-peer connection cap → TLS (when configured) → read timeout →
 * request deadline → HTTP codec → response compression ({@link JsonContentCompressor}) → aggregator with the
 * request size limit → {@link HttpApiHandler}. Nothing else. Thread-safe.
 */
final class EndpointChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String PEER_LIMIT = "peer-limit";
    static final String TLS = "tls";
    static final String READ_TIMEOUT = "read-timeout";
    static final String REQUEST_DEADLINE = "request-deadline";
    static final String HTTP_CODEC = "http-codec";
    static final String COMPRESSOR = "compressor";
    static final String AGGREGATOR = "aggregator";
    static final String API_HANDLER = "api";

    private final ServerSettings settings;
    private final RequestHandler handler;
    private final Executor blockingExecutor;
    private final PeerConnectionLimiter peerLimiter;

    EndpointChannelInitializer(ServerSettings settings, RequestHandler handler, Executor blockingExecutor) {
        this.settings = settings;
        this.handler = handler;
        this.blockingExecutor = blockingExecutor;
        this.peerLimiter = PeerConnectionLimiter.openConnections(settings.maxConnectionsPerPeer(), CloseListener.NONE);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline p = channel.pipeline();
        p.addLast(PEER_LIMIT, peerLimiter);
        SslContext sslContext = settings.sslContext();
        if (sslContext != null) {
            p.addLast(TLS, sslContext.newHandler(channel.alloc()));
        }
        p.addLast(READ_TIMEOUT, new ReadTimeoutHandler(settings.idleTimeoutMs(), TimeUnit.MILLISECONDS));
        p.addLast(REQUEST_DEADLINE, new RequestDeadlineHandler(
                Duration.ofMillis(settings.requestTimeoutMs()), CloseListener.NONE));
        p.addLast(HTTP_CODEC, new HttpServerCodec());
        p.addLast(COMPRESSOR, new JsonContentCompressor());
        p.addLast(AGGREGATOR, new JsonErrorHttpObjectAggregator(settings.requestMaxBytes(), settings.tls()));
        p.addLast(API_HANDLER, new HttpApiHandler(handler, blockingExecutor, settings.tls()));
    }
}
