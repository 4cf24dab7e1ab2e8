package io.connectusm.api;

import java.time.Instant;

/**
 * A USM Kafka cluster registration ({@code usmkc-…}) as {@code usm/v1} returns it. Immutable.
 *
 * @param id                              e.g. {@code usmkc-abc123def456}
 * @param confluentPlatformKafkaClusterId the cluster ID its brokers report, e.g. {@code 4k0R9d1GTS5tI9f4Y2xZ0Q}
 * @param displayName                     the name given at registration
 * @param cloud                           {@code AWS}, {@code AZURE} or {@code GCP}
 * @param region                          the home region, e.g. {@code us-east-1}
 * @param environment                     e.g. {@code env-abc123}
 * @param createdAt                       when it was registered, or {@code null} when not sent
 */
public record KafkaCluster(String id, String confluentPlatformKafkaClusterId, String displayName, String cloud,
                           String region, String environment, Instant createdAt) {
}
