package io.connectusm.api;

import java.time.Instant;

/**
 * A local Connect cluster that an agent saw sending events while nobody had registered it. Immutable.
 *
 * @param environment      the environment the agent serves
 * @param kafkaClusterId   the Kafka cluster ID the workers use
 * @param connectClusterId the workers' {@code group.id}
 * @param connectorCount   how many connectors it has
 * @param firstSeen        first seen
 * @param lastSeen         last seen
 * @param agentId          the reporting agent, or {@code null}
 */
public record Sighting(String environment, String kafkaClusterId, String connectClusterId, int connectorCount,
                       Instant firstSeen, Instant lastSeen, String agentId) {
}
