package io.connectusm.api;

import java.time.Instant;

/**
 * A USM Connect cluster registration ({@code usmcc-…}) as {@code usm/v1} returns it. Immutable.
 *
 * @param id                                e.g. {@code usmcc-abc123def456}
 * @param confluentPlatformConnectClusterId the workers' {@code group.id}, e.g. {@code connect-group-xyz123}
 * @param kafkaClusterId                    the Confluent Platform ID of the Kafka cluster the workers use
 * @param usmKafkaClusterId                 the {@code usmkc-…} registration of that Kafka cluster
 * @param displayName                       the name given at registration
 * @param cloud                             {@code AWS}, {@code AZURE} or {@code GCP}
 * @param region                            the home region
 * @param environment                       e.g. {@code env-abc123}
 * @param createdAt                         when it was registered, or {@code null} when not sent
 */
public record ConnectCluster(String id, String confluentPlatformConnectClusterId, String kafkaClusterId,
                             String usmKafkaClusterId, String displayName, String cloud, String region,
                             String environment, Instant createdAt) {
}
