/**
 * The client of the endpoint's {@code usm/v1} API, one copy for every caller (the {@code usm} CLI and the agent): {@link io.connectusm.api.UsmApiClient} with its paths ({@link io.connectusm.api.UsmPaths}), the resource
 * records it returns, the endpoint's error body as {@link io.connectusm.api.UsmApiException}, paging through
 * {@code metadata.next} that never leaves the base URL's origin, and configurable TLS trust
 * ({@link io.connectusm.api.TlsTrust}); a {@code ConnectClusterList} kept in a file is read and written by
 * {@link io.connectusm.api.ConnectClusterList}.
 *
 * <p>Owns nothing but the HTTP contract: no retry policy, no logging (callers observe exchanges through
 * {@link io.connectusm.api.ExchangeObserver}), no configuration files. Depends on the JDK, Jackson and usm-support (its {@code KeyStores} reads the trust stores) only.
 */
package io.connectusm.api;
