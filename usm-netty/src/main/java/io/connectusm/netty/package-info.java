/**
 * The Netty pieces that both connect-usm servers (the agent's data plane, the endpoint) put in their pipelines,
 * written here once: the per-peer connection cap ({@link io.connectusm.netty.PeerConnectionLimiter}), the
 * whole-request deadline ({@link io.connectusm.netty.RequestDeadlineHandler}), both reporting the connections they
 * close to a {@link io.connectusm.netty.CloseListener}, and the server TLS context with the one policy of
 * {@code usm-support} ({@link io.connectusm.netty.ServerTlsContexts}).
 *
 * <p>Rules of this package: Netty and {@code usm-support} only; no metrics library, no logging (the servers count
 * closes through the listener); never used by the worker plugin, which must stay Netty-free. It may call nothing
 * of connect-usm but {@code usm-support}.
 */
package io.connectusm.netty;
