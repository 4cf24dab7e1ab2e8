package io.connectusm.endpoint.http;

import io.netty.handler.ssl.SslContext;

/**
 * What the listener needs, as one immutable value: where to bind, the TLS context ({@code null} for plain HTTP,
 * which the configuration allows on loopback only), the idle timeout and the request size limit.
 *
 * @param bindAddress     the address to bind
 * @param port            the port; 0 picks a free one
 * @param sslContext      the server TLS context, or {@code null} for plain HTTP
 * @param idleTimeoutMs   a connection with no read for this long is closed
 * @param requestMaxBytes the largest request body; larger ones get 413
 */
public record ServerSettings(String bindAddress, int port, SslContext sslContext, int idleTimeoutMs,
                             int requestMaxBytes) {
}
