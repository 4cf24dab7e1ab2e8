package io.connectusm.endpoint.store;

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
public record Sighting(String environment, String kafkaClusterId, String connectClusterId, int connectorCount,
                Instant firstSeen, Instant lastSeen, String agentId) {

    /**
     * This sighting merged with a later report of the same cluster: the earliest first sighting, and the count
     * and agent of whichever report was seen last (on a tie, the new report).
     */
    Sighting mergedWith(Sighting report) {
        boolean newer = !report.lastSeen().isBefore(lastSeen);
        Instant first = report.firstSeen().isBefore(firstSeen) ? report.firstSeen() : firstSeen;
        return newer
                ? new Sighting(environment, kafkaClusterId, connectClusterId, report.connectorCount(), first,
                        report.lastSeen(), report.agentId())
                : new Sighting(environment, kafkaClusterId, connectClusterId, connectorCount, first, lastSeen, agentId);
    }
}
