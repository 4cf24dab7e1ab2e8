package io.connectusm.endpoint.store;

import java.time.Instant;

/**
 * A registered Confluent Platform Kafka cluster. Immutable.
 *
 * @param id               {@code usmkc-…}
 * @param environment      {@code env-…}
 * @param cpKafkaClusterId the cluster's own ID (as its brokers report it)
 * @param displayName      a human name
 * @param cloud            AWS, AZURE or GCP
 * @param region           its home region, the default for its Connect clusters
 * @param createdAt        registration time
 */
public record KafkaCluster(String id, String environment, String cpKafkaClusterId, String displayName, Cloud cloud,
                    String region, Instant createdAt) {
}
