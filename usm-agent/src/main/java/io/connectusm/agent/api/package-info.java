/**
 * The agent's client of the endpoint's {@code usm/v1} API ({@link io.connectusm.agent.api.UsmApiClient}: list
 * Connect cluster registrations, post event batches, post sightings) and the resource it reads
 * ({@link io.connectusm.agent.api.Registration}, the {@code ConnectClusterList} JSON of
 * {@link io.connectusm.agent.api.RegistrationsJson}, also the shape of the cache and the static file). The
 * {@code usm-api} module will replace this package with the client the CLI shares.
 *
 * <p>May call metadata-events, Jackson, the JDK HTTP client, usm-support and the agent's {@code http} package.
 */
package io.connectusm.agent.api;
