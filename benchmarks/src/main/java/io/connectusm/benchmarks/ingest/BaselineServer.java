package io.connectusm.benchmarks.ingest;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.tls.TlsContextFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of the agent's ingest figures: the least a Netty HTTPS server must do for the same requests. The
 * agent's TLS context (built by the agent's own {@link TlsContextFactory} from the same configuration: certificates,
 * mTLS with client auth required, protocols, ciphers, BoringSSL), event loop groups of the same shape, the agent's
 * socket options, then {@code HttpServerCodec} → {@code HttpObjectAggregator} (the body read whole) → 204. No
 * parsing, no identity check, no spool. Counts the requests it answered, for the run's audit. Thread-safe.
 */
final class BaselineServer implements Target {

    private static final int MAX_BODY_BYTES = 64 << 20;

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final LongAdder answered = new LongAdder();

    private BaselineServer(SslContext tls) throws InterruptedException {
        acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        ChannelHandler respond = new Responder(answered);
        channel = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_BODY_BYTES), respond);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    static BaselineServer start(Fixture fixture) throws Exception {
        AgentConfig config = AgentConfigLoader.of(fixture.agentConfig(Path.of("unused")), Map.of());
        return new BaselineServer(TlsContextFactory.serverContext(config.tls()));
    }

    @Override
    public URI eventsUri() {
        return URI.create("https://localhost:" + ((InetSocketAddress) channel.localAddress()).getPort() + "/v1/events");
    }

    @Override
    public String audit(long posts, long events) {
        long served = answered.sum();
        return served == posts ? null : "the clients counted " + posts + " POSTs answered 204, the server " + served;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Answers every request 204, keeping the connection when the request allows it. */
    @ChannelHandler.Sharable
    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final LongAdder answered;

        Responder(LongAdder answered) {
            this.answered = answered;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                    Unpooled.EMPTY_BUFFER);
            answered.increment();
            if (HttpUtil.isKeepAlive(request)) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
