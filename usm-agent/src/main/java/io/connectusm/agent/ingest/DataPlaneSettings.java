package io.connectusm.agent.ingest;

import io.connectusm.agent.http.BasicCredentials;
import java.time.Duration;

/**
 * Listener address and limits of the data plane. Immutable.
 *
 * @param host                  bind address
 * @param port                  bind port, 0 for any
 * @param identityMode          which certificates may speak for which cluster
 * @param basicAuth             required basic credentials, or {@code null}
 * @param maxHeaderBytes        largest request line plus headers
 * @param maxBodyBytes          largest body
 * @param maxEventsPerBatch     most events per POST
 * @param requestTimeout        deadline for a whole request once it started
 * @param idleTimeout           idle connections are closed after this
 * @param maxConnectionsPerPeer most connections per remote IP that finished their TLS handshake
 * @param maxPendingHandshakesPerPeer most connections per remote IP still in their TLS handshake
 * @param retryAfterSeconds     Retry-After sent with 503
 * @param maxEventFuture        a batch holding an event dated more than this after the agent's clock is refused
 */
public record DataPlaneSettings(
        String host,
        int port,
        IdentityMode identityMode,
        BasicCredentials basicAuth,
        int maxHeaderBytes,
        int maxBodyBytes,
        int maxEventsPerBatch,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnectionsPerPeer,
        int maxPendingHandshakesPerPeer,
        int retryAfterSeconds,
        Duration maxEventFuture) {
}
