package io.connectusm.agent.ingest;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long one request may take: the first bytes of a request start a deadline, the response
 * clears it. A client that drips its headers or body slower than that is disconnected, whatever its byte
 * rate, which an idle timeout alone would not catch. Also closes connections the idle handler before it
 * reports as idle. Sits before the HTTP codec, so it also covers a request line that never ends. Not
 * sharable; runs on the channel's event loop.
 */
final class ConnectionDeadlineHandler extends ChannelDuplexHandler {

    private final long deadlineMillis;
    private final IngestMetrics metrics;
    private ScheduledFuture<?> deadline;

    ConnectionDeadlineHandler(Duration requestTimeout, IngestMetrics metrics) {
        this.deadlineMillis = requestTimeout.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> {
                metrics.connectionsClosed.labelValues(IngestMetrics.REQUEST_TIMEOUT).inc();
                ctx.close();
            }, deadlineMillis, TimeUnit.MILLISECONDS);
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
            metrics.connectionsClosed.labelValues(IngestMetrics.IDLE).inc();
            ctx.close();
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

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
