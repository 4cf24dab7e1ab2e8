package io.connectusm.endpoint.http;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Binds the endpoint's listener and stops it. Lifecycle: {@link #start()} once, {@link #close()} once: stop
 * accepting, then let event loops finish what is in flight within a deadline. Not thread-safe for
 * start/close themselves (the owner calls them).
 */
public final class EndpointServer implements AutoCloseable {

    private static final long SHUTDOWN_QUIET_MS = 100;
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final ServerSettings settings;
    private final RequestHandler handler;
    private final Executor blockingExecutor;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    /** @param blockingExecutor where {@code handler} runs: never an event loop */
    public EndpointServer(ServerSettings settings, RequestHandler handler, Executor blockingExecutor) {
        this.settings = settings;
        this.handler = handler;
        this.blockingExecutor = blockingExecutor;
    }

    /** Binds; returns the bound port (useful with {@code port=0}). */
    public int start() throws InterruptedException {
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new EndpointChannelInitializer(settings, handler, blockingExecutor));
        try {
            serverChannel = bootstrap.bind(settings.bindAddress(), settings.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS * 2);
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS * 2);
        }
    }
}
