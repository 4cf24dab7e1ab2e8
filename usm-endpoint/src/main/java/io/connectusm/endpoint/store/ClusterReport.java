package io.connectusm.endpoint.store;

import java.time.Instant;

/**
 * When the endpoint last heard from a registered Connect cluster through one agent: the newest event time of the
 * batches it accepted for the cluster from that agent's API key, and when the last of them arrived. Immutable.
 *
 * @param connectClusterId the registration ({@code usmcc-…})
 * @param agentKey         the API key ID the agent sent with
 * @param lastEventTime    the newest event time among the accepted batches (the workers' clock)
 * @param lastReceivedAt   when the endpoint accepted the last batch (the endpoint's clock)
 */
public record ClusterReport(String connectClusterId, String agentKey, Instant lastEventTime, Instant lastReceivedAt) {
}
