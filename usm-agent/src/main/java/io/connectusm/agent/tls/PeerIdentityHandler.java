package io.connectusm.agent.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Once the TLS handshake completes, reads the verified client certificate and keeps the
 * {@link PeerIdentity} on the channel; a failed handshake is counted by reason and the connection closed.
 * Not sharable: one per connection, removed after the handshake.
 */
public final class PeerIdentityHandler extends ChannelInboundHandlerAdapter {

    private final TlsMetrics metrics;

    public PeerIdentityHandler(TlsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                ctx.channel().attr(PeerIdentity.ATTRIBUTE).set(identity(ctx));
                ctx.pipeline().remove(this);
            } else {
                metrics.handshakeFailures.labelValues(HandshakeFailureReason.of(completion.cause())).inc();
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Decoding errors of the TLS layer (garbage instead of a ClientHello) end here; they are counted by
        // the completion event that follows, so only close.
        ctx.close();
    }

    private static PeerIdentity identity(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? PeerIdentity.of(leaf)
                    : PeerIdentity.ANONYMOUS;
        } catch (SSLPeerUnverifiedException e) {
            return PeerIdentity.ANONYMOUS;
        }
    }
}
