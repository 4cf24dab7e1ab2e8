/**
 * The central USM-style endpoint: its public face and its wiring. Owns the configuration
 * ({@link io.connectusm.endpoint.EndpointConfig}, {@link io.connectusm.endpoint.EndpointConfigLoader}), the object
 * graph built over one database ({@code EndpointComponents}), the server's TLS context from the keystore
 * ({@code EndpointTls}) and the running endpoint's lifecycle ({@link io.connectusm.endpoint.UsmEndpoint}), which is
 * the Java API other modules use (the CLI, the quickstart, tests).
 *
 * <p>Sub-packages, in the order a request meets them: {@code http} (Netty server and request/response plumbing),
 * {@code api} (the route table and the {@code usm/v1} resources), {@code ingest} (the scrub of received events), {@code web} (the console's pages), {@code auth}
 * (API keys, roles, CSRF), {@code store} (database, migrations, rows, the apply policy). This package may call
 * all of them; none of them calls back into it.
 */
package io.connectusm.endpoint;
