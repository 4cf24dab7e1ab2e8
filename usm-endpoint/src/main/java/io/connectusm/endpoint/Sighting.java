package io.connectusm.endpoint;

import java.time.Instant;

/**
 * A local Connect cluster an agent has seen events from, registered or not. Immutable.
 *
 * @param environment      the environment the agent reports into
 * @param kafkaClusterId   the local Kafka cluster ID
 * @param connectClusterId the local Connect cluster ID
 * @param connectorCount   connectors seen at the last report
 * @param firstSeen        first report
 * @param lastSeen         latest report
 * @param agentId          the reporting agent, may be {@code null}
 */
record Sighting(String environment, String kafkaClusterId, String connectClusterId, int connectorCount,
                Instant firstSeen, Instant lastSeen, String agentId) {
}
