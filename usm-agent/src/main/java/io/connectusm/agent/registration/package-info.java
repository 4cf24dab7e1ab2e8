/**
 * Which local Connect clusters are registered with USM, and where the registration check's answer comes from:
 * the {@link io.connectusm.agent.registration.RegistrationMap} (the static file's registrations merged with the
 * endpoint's), kept current by the {@link io.connectusm.agent.registration.RegistrationRefresher} (pulls, an
 * on-disk cache, dropping the spooled events of deregistered clusters, sightings reports), and what the agent has
 * seen of each cluster, registered or not ({@link io.connectusm.agent.registration.ClusterActivity}). The check
 * itself is made by the ingest package's {@code EventRouter} on every batch.
 *
 * <p>May call metadata-events, Jackson, the Prometheus client, and the agent's {@code api} and {@code spool}
 * packages.
 */
package io.connectusm.agent.registration;
