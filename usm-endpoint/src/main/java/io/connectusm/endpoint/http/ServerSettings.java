package io.connectusm.endpoint.http;

import io.netty.handler.ssl.SslContext;

/**
 * What the listener needs, as one immutable value: where to bind, the TLS context ({@code null} for plain HTTP,
 * which the configuration allows on loopback only), the timeouts and the limits.
 *
 * @param bindAddress        the address to bind
 * @param port               the port; 0 picks a free one
 * @param sslContext         the server TLS context, or {@code null} for plain HTTP
 * @param idleTimeoutMs      a connection with no read for this long is closed
 * @param requestMaxBytes    the largest request body; larger ones get 413
 * @param requestTimeoutMs   a request must arrive whole within this long of its first byte, else the connection
 *                           closes
 * @param maxConnectionsPerPeer the most simultaneous connections of one remote IP address
 */
public record ServerSettings(String bindAddress, int port, SslContext sslContext, int idleTimeoutMs,
                             int requestMaxBytes, int requestTimeoutMs, int maxConnectionsPerPeer) {

    /** With the default request deadline and per-peer cap. */
    public ServerSettings(String bindAddress, int port, SslContext sslContext, int idleTimeoutMs,
                          int requestMaxBytes) {
        this(bindAddress, port, sslContext, idleTimeoutMs, requestMaxBytes, 30_000, 64);
    }

    boolean tls() {
        return sslContext != null;
    }
}
