/**
 * Forwarding to the endpoint: the {@link io.connectusm.agent.forward.Forwarder} thread reads pending events from
 * the spool, posts them as stored to {@code POST /usm/v1/events}, acknowledges them to the spool only after a 2xx,
 * retries everything else with capped exponential backoff and jitter, and turns a 403
 * {@code cluster_not_registered} into dropped events and a registrations refresh.
 *
 * <p>May call metadata-events, usm-api (the {@code usm/v1} client), usm-support, Jackson (the error body's
 * clusters), the Prometheus client, and the agent's {@code spool} and {@code registration} packages.
 */
package io.connectusm.agent.forward;
