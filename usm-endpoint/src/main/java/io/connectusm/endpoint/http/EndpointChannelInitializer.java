package io.connectusm.endpoint.http;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * Builds each connection's pipeline, in order: TLS (when configured) → read timeout → HTTP codec → response
 * compression ({@link JsonContentCompressor}) → aggregator with the request size limit → {@link HttpApiHandler}.
 * Nothing else. Thread-safe.
 */
final class EndpointChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String TLS = "tls";
    static final String READ_TIMEOUT = "read-timeout";
    static final String HTTP_CODEC = "http-codec";
    static final String COMPRESSOR = "compressor";
    static final String AGGREGATOR = "aggregator";
    static final String API_HANDLER = "api";

    private final ServerSettings settings;
    private final RequestHandler handler;
    private final Executor blockingExecutor;

    EndpointChannelInitializer(ServerSettings settings, RequestHandler handler, Executor blockingExecutor) {
        this.settings = settings;
        this.handler = handler;
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline p = channel.pipeline();
        SslContext sslContext = settings.sslContext();
        if (sslContext != null) {
            p.addLast(TLS, sslContext.newHandler(channel.alloc()));
        }
        p.addLast(READ_TIMEOUT, new ReadTimeoutHandler(settings.idleTimeoutMs(), TimeUnit.MILLISECONDS));
        p.addLast(HTTP_CODEC, new HttpServerCodec());
        p.addLast(COMPRESSOR, new JsonContentCompressor());
        p.addLast(AGGREGATOR, new JsonErrorHttpObjectAggregator(settings.requestMaxBytes()));
        p.addLast(API_HANDLER, new HttpApiHandler(handler, blockingExecutor));
    }
}
