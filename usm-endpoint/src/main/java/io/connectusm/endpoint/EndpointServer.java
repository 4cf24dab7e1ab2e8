package io.connectusm.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * Binds the endpoint's listener and stops it. Lifecycle: {@link #start()} once, {@link #close()} once: stop
 * accepting, then let event loops finish what is in flight within a deadline. Not thread-safe for
 * start/close themselves (the owner calls them).
 */
final class EndpointServer implements AutoCloseable {

    private static final long SHUTDOWN_QUIET_MS = 100;
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final EndpointConfig config;
    private final ApiRouter router;
    private final Executor blockingExecutor;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    EndpointServer(EndpointConfig config, ApiRouter router, Executor blockingExecutor) {
        this.config = config;
        this.router = router;
        this.blockingExecutor = blockingExecutor;
    }

    /** Binds; returns the bound port (useful with {@code port=0}). */
    int start() throws InterruptedException {
        SslContext ssl = config.tlsEnabled() ? sslContext(config) : null;
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(new EndpointChannelInitializer(ssl, config.idleTimeoutMs(), config.requestMaxBytes(),
                        router, blockingExecutor));
        try {
            serverChannel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    static SslContext sslContext(EndpointConfig config) {
        char[] password = config.keystorePassword().value().toCharArray();
        try (InputStream in = Files.newInputStream(config.keystoreLocation())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keystore " + config.keystoreLocation()
                    + " (" + EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG + "): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use keystore " + config.keystoreLocation() + ": "
                    + e.getClass().getSimpleName(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
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
