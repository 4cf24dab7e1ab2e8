package io.connectusm.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long one request may take to arrive: the first bytes read while no deadline runs start one, the first
 * write clears it (the response, or a {@code 100 Continue}, after which the body's next bytes start a new one). A client that drips its request line, headers or body, each byte within the idle
 * timeout, is disconnected all the same, which an idle or read timeout alone would not do. On a keep-alive
 * connection each request gets its own deadline, counted from the first byte read after the previous response
 * began; bytes of a pipelined request that arrived before that response are then covered by the idle timeout
 * (they are silence, not a drip: a drip's next byte starts the deadline). The response itself is not bounded
 * here (a slow reader is the idle timeout's business). Also closes the connection on an {@link IdleStateEvent}
 * of an {@code IdleStateHandler} before it.
 *
 * <p>Sits before the HTTP codec (after TLS), so that it also covers a request line that never ends. Not sharable:
 * one per channel; runs on the channel's event loop.
 */
public final class RequestDeadlineHandler extends ChannelDuplexHandler {

    private final long deadlineNanos;
    private final CloseListener listener;
    private ScheduledFuture<?> deadline;

    /**
     * @param deadline how long a request may take to arrive whole, positive
     * @param listener told of every close this handler makes
     */
    public RequestDeadlineHandler(Duration deadline, CloseListener listener) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the request deadline must be positive: " + deadline);
        }
        this.deadlineNanos = deadline.toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> close(ctx, CloseReason.REQUEST_TIMEOUT),
                    deadlineNanos, TimeUnit.NANOSECONDS);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        cancel();
        super.write(ctx, msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            close(ctx, CloseReason.IDLE);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void close(ChannelHandlerContext ctx, CloseReason reason) {
        cancel();
        if (ctx.channel().isActive()) {
            listener.closing(reason);
        }
        ctx.close();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
