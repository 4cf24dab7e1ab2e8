/**
 * Which local Connect clusters are registered with USM, and where the registration check's answer comes from:
 * the {@link io.connectusm.agent.registration.RegistrationMap} (the static file's registrations merged with the
 * endpoint's), kept current by the {@link io.connectusm.agent.registration.RegistrationRefresher} (pulls, an
 * on-disk cache, dropping the spooled events of deregistered clusters, sightings reports), and what the agent has
 * seen of each cluster, registered or not ({@link io.connectusm.agent.registration.ClusterActivity}). The check
 * itself is made by the ingest package's {@code EventRouter} on every batch. A
 * {@link io.connectusm.agent.registration.Registration} is the agent's view of usm-api's {@code ConnectCluster};
 * {@link io.connectusm.agent.registration.RegistrationsJson} maps one to the other and reads and writes the static
 * file and the cache, in the endpoint's {@code ConnectClusterList} shape.
 *
 * <p>May call metadata-events, usm-api (the {@code usm/v1} client: pulls, paged within the endpoint's origin, and
 * sightings reports), Jackson, the Prometheus client, and the agent's {@code spool} package.
 */
package io.connectusm.agent.registration;
