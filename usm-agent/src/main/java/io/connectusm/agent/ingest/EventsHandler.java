package io.connectusm.agent.ingest;

import io.connectusm.agent.http.BasicCredentials;
import io.connectusm.agent.http.HttpResponses;
import io.connectusm.agent.tls.PeerIdentity;
import io.connectusm.events.MediaTypes;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.concurrent.CompletableFuture;

/**
 * The data plane's request handler: translates {@code POST /v1/events} into a call to {@link EventRouter}
 * and its outcome into a status and JSON body; everything else gets 404/405, bad credentials 401, another
 * content type 415. While a batch waits for the spool's fsync the connection reads nothing more, so one
 * client cannot queue unbounded work. Not sharable: one per connection, on its event loop.
 */
final class EventsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** The one resource of the data plane. */
    static final String EVENTS_PATH = "/v1/events";

    private final EventRouter router;
    private final BasicCredentials basicAuth;
    private final InFlightRequests inFlight;
    private final IngestMetrics metrics;

    EventsHandler(EventRouter router, BasicCredentials basicAuth, InFlightRequests inFlight, IngestMetrics metrics) {
        this.router = router;
        this.basicAuth = basicAuth;
        this.inFlight = inFlight;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            metrics.reject(IngestMetrics.MALFORMED);
            int status = cause instanceof TooLongHttpHeaderException ? 431
                    : cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongFrameException ? 413 : 400;
            HttpResponses.write(ctx, HttpResponses.error(status, "the request is not valid HTTP/1.1 or over a size limit"),
                    false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !inFlight.draining();
        String path = new QueryStringDecoder(request.uri()).path();
        if (!EVENTS_PATH.equals(path)) {
            HttpResponses.write(ctx, HttpResponses.error(404, "no such resource; events go to POST " + EVENTS_PATH),
                    keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = HttpResponses.error(405, "only POST is allowed on " + EVENTS_PATH);
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            HttpResponses.write(ctx, response, keepAlive);
            return;
        }
        if (basicAuth != null && !basicAuth.matches(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            metrics.reject(IngestMetrics.UNAUTHORIZED);
            FullHttpResponse response = HttpResponses.error(401, "missing or wrong credentials (HTTP basic, api.key)");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"usm-agent\"");
            HttpResponses.write(ctx, response, keepAlive);
            return;
        }
        CharSequence mimeType = HttpUtil.getMimeType(request);
        if (mimeType == null || !MediaTypes.CLOUDEVENTS_BATCH_JSON.equalsIgnoreCase(mimeType.toString().trim())) {
            metrics.reject(IngestMetrics.UNSUPPORTED_MEDIA_TYPE);
            HttpResponses.write(ctx, HttpResponses.error(415, "Content-Type must be " + MediaTypes.CLOUDEVENTS_BATCH_JSON),
                    keepAlive);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        PeerIdentity peer = ctx.channel().attr(PeerIdentity.ATTRIBUTE).get();
        metrics.requests.inc();
        inFlight.begin();
        // Read nothing more from this connection until this batch is answered.
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<IngestOutcome> outcome;
        try {
            outcome = router.ingest(peer == null ? PeerIdentity.ANONYMOUS : peer, body);
        } catch (RuntimeException e) {
            // Still answer (500) and end the request: a request counted in flight but never ended would hold
            // the shutdown drain until its deadline, and this connection would never read again.
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((result, failure) -> {
            IngestOutcome answer = failure == null ? result : IngestOutcome.error(500, "internal error");
            ctx.executor().execute(() -> respond(ctx, answer, keepAlive && !inFlight.draining()));
        });
    }

    private void respond(ChannelHandlerContext ctx, IngestOutcome outcome, boolean keepAlive) {
        FullHttpResponse response = outcome.status() == 204 ? HttpResponses.of(204, HttpResponses.JSON, new byte[0])
                : HttpResponses.error(outcome.status(), outcome.message());
        if (outcome.retryAfterSeconds() > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, outcome.retryAfterSeconds());
        }
        HttpResponses.write(ctx, response, keepAlive).addListener(written -> {
            inFlight.end();
            ctx.channel().config().setAutoRead(true);
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
