/**
 * Infrastructure that every connect-usm component needs once, and that is written here once: retry delays
 * ({@link io.connectusm.support.Backoff}), monotonic time for deadlines ({@link io.connectusm.support.Ticker}),
 * key and trust stores ({@link io.connectusm.support.KeyStores}), the TLS policy of every server
 * ({@link io.connectusm.support.ServerTlsPolicy}), configuration from a properties file and the environment with
 * {@code ${file:…}}/{@code ${env:…}} references ({@link io.connectusm.support.ConfigLoader},
 * {@link io.connectusm.support.ConfigReferences}, {@link io.connectusm.support.Secret}), and the Markdown table
 * of a component's configuration keys ({@link io.connectusm.support.ConfigTable}).
 *
 * <p>Rules of this package: JDK only, no dependency of any kind (the worker plugin shades it, and must not drag
 * anything into a Connect worker); Java 11 bytecode and API; nothing here logs, and no exception message holds a
 * secret value. It may call nothing of connect-usm.
 */
package io.connectusm.support;
