package io.connectusm.api;

import java.util.Objects;

/**
 * What {@code POST /usm/v1/kafka-clusters} takes. Immutable.
 *
 * @param confluentPlatformKafkaClusterId the cluster ID its brokers report (required)
 * @param displayName                     a name, or {@code null} for the endpoint's default (the ID)
 * @param cloud                           {@code aws}, {@code azure} or {@code gcp}, any case (the endpoint checks it)
 * @param region                          the home region
 * @param environment                     the environment, or {@code null} for the endpoint's default
 */
public record KafkaClusterRegistration(String confluentPlatformKafkaClusterId, String displayName, String cloud,
                                       String region, String environment) {

    public KafkaClusterRegistration {
        Objects.requireNonNull(confluentPlatformKafkaClusterId, "confluentPlatformKafkaClusterId");
    }
}
