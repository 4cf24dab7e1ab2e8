package io.connectusm.endpoint.store;

import java.time.Instant;

import io.connectusm.events.ClusterRef;

/**
 * A registered Confluent Platform Connect cluster: the mapping from a local (Kafka cluster ID, Connect
 * cluster ID) to a USM entity. Immutable.
 *
 * @param id                 {@code usmcc-…}
 * @param environment        {@code env-…}
 * @param cpConnectClusterId the workers' Connect cluster ID ({@code group.id})
 * @param cpKafkaClusterId   the ID of the Kafka cluster its workers use
 * @param usmKafkaClusterId  the {@code usmkc-…} registration of that Kafka cluster
 * @param displayName        a human name
 * @param cloud              AWS, AZURE or GCP
 * @param region             its region (the Kafka cluster's when not given)
 * @param createdAt          registration time
 */
public record ConnectCluster(String id, String environment, String cpConnectClusterId, String cpKafkaClusterId,
                      String usmKafkaClusterId, String displayName, Cloud cloud, String region, Instant createdAt) {

    public ClusterRef localRef() {
        return new ClusterRef(cpKafkaClusterId, cpConnectClusterId);
    }
}
