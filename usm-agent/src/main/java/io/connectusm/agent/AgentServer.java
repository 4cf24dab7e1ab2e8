package io.connectusm.agent;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Binds one listener (data or control plane) and stops it: {@link #stopAccepting()} closes the listening
 * socket, {@link #closeConnections(Duration)} closes the connections still open. Event loop groups belong
 * to the caller, which shuts them down after both. Thread-safe.
 */
final class AgentServer {

    private final Channel serverChannel;
    private final ChannelGroup connections;

    private AgentServer(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /** Binds {@code host:port} and serves each connection with the pipeline {@code initializer} builds. */
    static AgentServer bind(String name, String host, int port, EventLoopGroup acceptors, EventLoopGroup workers,
            ChannelHandler initializer) throws InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
        Channel channel = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast(initializer);
                    }
                })
                .bind(host, port).sync().channel();
        return new AgentServer(channel, connections);
    }

    /** The bound port. */
    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Closes the listening socket; open connections keep being served. */
    void stopAccepting() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Closes every connection still open. */
    void closeConnections(Duration timeout) {
        connections.close().awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
