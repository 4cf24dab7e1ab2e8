package io.connectusm.cli.connect;

import java.util.List;

import io.connectusm.api.ConnectCluster;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.registration.UsmResource;

/**
 * USM Connect clusters as the {@code usm connect-cluster} commands handle and print them: the fields of
 * Confluent's {@code connectClusterOut} (CLI 4.73+), in its order and spelling. Stateless.
 */
final class ConnectClusters {

    static final UsmResource<ConnectCluster> RESOURCE = new UsmResource<>("USM Connect cluster",
            ResourceIds.CONNECT_CLUSTER_PREFIX, UsmApiClient::connectClusters, UsmApiClient::connectCluster,
            UsmApiClient::deregisterConnectCluster, ConnectClusters::fields);

    private ConnectClusters() {
    }

    static List<Field> fields(ConnectCluster c) {
        return List.of(
                new Field("ID", "id", c.id()),
                new Field("Confluent Platform Connect Cluster", "confluent_platform_connect_cluster",
                        c.confluentPlatformConnectClusterId()),
                new Field("Confluent Platform Kafka Cluster Id", "confluent_platform_kafka_cluster_id",
                        c.kafkaClusterId()),
                new Field("Environment", "environment", c.environment()),
                new Field("USM Kafka Cluster Id", "usm_kafka_cluster_id", c.usmKafkaClusterId()),
                new Field("Cloud", "cloud", c.cloud()),
                new Field("Region", "region", c.region()));
    }
}
