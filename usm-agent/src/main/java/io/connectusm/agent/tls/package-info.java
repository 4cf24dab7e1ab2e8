/**
 * The data plane's TLS: the server context built from the PKCS12 key and trust stores under the one server policy
 * of usm-support ({@link io.connectusm.agent.tls.TlsContextFactory}), its hot rotation when the files change
 * ({@link io.connectusm.agent.tls.ReloadingSslContext}), and what a handshake tells: why it failed
 * ({@link io.connectusm.agent.tls.HandshakeFailureReason}) or who the verified peer is
 * ({@link io.connectusm.agent.tls.PeerIdentity}, read by {@link io.connectusm.agent.tls.PeerIdentityHandler}).
 * Which identity may speak for which cluster is the ingest package's decision, not this one's.
 *
 * <p>May call Netty, usm-support and the Prometheus client; nothing else of the agent.
 */
package io.connectusm.agent.tls;
