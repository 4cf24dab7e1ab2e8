package io.connectusm.agent.ingest;

import io.connectusm.agent.http.HttpResponses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with the data plane's JSON 413 body for a request over the body limit (Netty's own
 * answer has none), counted. As Netty does, a keep-alive connection stays open while the aggregator
 * discards the rest of the body (closing at once would reset the connection under a client still sending,
 * and it would never read the 413); the request deadline bounds how long that may take. One per connection.
 */
final class JsonHttpObjectAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;
    private final IngestMetrics metrics;

    JsonHttpObjectAggregator(int maxBodyBytes, IngestMetrics metrics) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest) {
            metrics.reject(IngestMetrics.TOO_LARGE);
            boolean keepAlive = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized)
                    && !HttpUtil.is100ContinueExpected(oversized);
            HttpResponses.write(ctx, HttpResponses.error(413, "the request body is over the limit of " + maxBodyBytes
                    + " bytes"), keepAlive);
        } else {
            ctx.close();
        }
    }
}
