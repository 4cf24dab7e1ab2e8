package io.connectusm.api;

import java.util.Objects;

/**
 * What {@code POST /usm/v1/connect-clusters} takes. Immutable.
 *
 * @param confluentPlatformConnectClusterId the workers' {@code group.id} (required)
 * @param kafkaClusterId                    the Confluent Platform ID of their Kafka cluster, registered (required)
 * @param displayName                       a name, or {@code null} for the endpoint's default (the group ID)
 * @param cloud                             or {@code null} for the Kafka cluster's
 * @param region                            or {@code null} for the Kafka cluster's
 * @param environment                       the environment, or {@code null} for the endpoint's default
 */
public record ConnectClusterRegistration(String confluentPlatformConnectClusterId, String kafkaClusterId,
                                         String displayName, String cloud, String region, String environment) {

    public ConnectClusterRegistration {
        Objects.requireNonNull(confluentPlatformConnectClusterId, "confluentPlatformConnectClusterId");
        Objects.requireNonNull(kafkaClusterId, "kafkaClusterId");
    }
}
