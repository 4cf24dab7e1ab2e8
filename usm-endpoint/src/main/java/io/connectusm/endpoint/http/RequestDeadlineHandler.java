package io.connectusm.endpoint.http;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Bounds how long one request may take to arrive: its first bytes start the deadline, the response clears it.
 * A client that drips a request line, headers or body, each byte within the read timeout, is disconnected
 * all the same, which a read timeout alone would not do. Sits before the HTTP codec (after TLS). Not sharable;
 * runs on the channel's event loop.
 */
final class RequestDeadlineHandler extends ChannelDuplexHandler {

    private final long deadlineMillis;
    private ScheduledFuture<?> deadline;

    RequestDeadlineHandler(long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, deadlineMillis, TimeUnit.MILLISECONDS);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        clear();
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        clear();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        clear();
    }

    private void clear() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
