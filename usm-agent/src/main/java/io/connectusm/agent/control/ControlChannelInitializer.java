package io.connectusm.agent.control;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * Builds the control plane pipeline: read timeout → HTTP codec → aggregator (small: requests are GETs) →
 * {@link ControlPlaneHandler}. Plain HTTP, loopback by default. Thread-safe.
 */
final class ControlChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String READ_TIMEOUT = "read-timeout";
    static final String HTTP_CODEC = "http-codec";
    static final String AGGREGATOR = "aggregator";
    static final String CONTROL = "control";

    static final int READ_TIMEOUT_SECONDS = 30;
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final ControlPlaneHandler handler;

    ControlChannelInitializer(ControlPlaneHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(READ_TIMEOUT, new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                .addLast(HTTP_CODEC, new HttpServerCodec())
                .addLast(AGGREGATOR, new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast(CONTROL, handler);
    }
}
