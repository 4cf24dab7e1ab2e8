package io.connectusm.endpoint;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * Builds each connection's pipeline, in order: TLS (when configured) → read timeout → HTTP codec →
 * aggregator with the request size limit → {@link HttpApiHandler}. Nothing else. Thread-safe.
 */
final class EndpointChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String TLS = "tls";
    static final String READ_TIMEOUT = "read-timeout";
    static final String HTTP_CODEC = "http-codec";
    static final String AGGREGATOR = "aggregator";
    static final String API_HANDLER = "api";

    private final SslContext sslContext;
    private final int idleTimeoutMs;
    private final int maxRequestBytes;
    private final ApiRouter router;
    private final Executor blockingExecutor;

    /** @param sslContext {@code null} for plain HTTP (only allowed on loopback, see {@link EndpointConfig}) */
    EndpointChannelInitializer(SslContext sslContext, int idleTimeoutMs, int maxRequestBytes, ApiRouter router,
                               Executor blockingExecutor) {
        this.sslContext = sslContext;
        this.idleTimeoutMs = idleTimeoutMs;
        this.maxRequestBytes = maxRequestBytes;
        this.router = router;
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline p = channel.pipeline();
        if (sslContext != null) {
            p.addLast(TLS, sslContext.newHandler(channel.alloc()));
        }
        p.addLast(READ_TIMEOUT, new ReadTimeoutHandler(idleTimeoutMs, TimeUnit.MILLISECONDS));
        p.addLast(HTTP_CODEC, new HttpServerCodec());
        p.addLast(AGGREGATOR, new JsonErrorHttpObjectAggregator(maxRequestBytes));
        p.addLast(API_HANDLER, new HttpApiHandler(router, blockingExecutor));
    }
}
