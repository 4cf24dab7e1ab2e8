package io.connectusm.cli.kafka;

import java.util.List;

import io.connectusm.api.KafkaCluster;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.registration.UsmResource;

/**
 * USM Kafka clusters as the {@code usm kafka-cluster} commands handle and print them: the fields of Confluent's
 * {@code kafkaClusterOut} (CLI 4.73+), in its order and spelling. Stateless.
 */
final class KafkaClusters {

    static final UsmResource<KafkaCluster> RESOURCE = new UsmResource<>("USM Kafka cluster",
            ResourceIds.KAFKA_CLUSTER_PREFIX, UsmApiClient::kafkaClusters, UsmApiClient::kafkaCluster,
            UsmApiClient::deregisterKafkaCluster, KafkaClusters::fields);

    private KafkaClusters() {
    }

    static List<Field> fields(KafkaCluster k) {
        return List.of(
                new Field("ID", "id", k.id()),
                new Field("Name", "name", k.displayName()),
                new Field("Confluent Platform Kafka Cluster Id", "confluent_platform_kafka_cluster_id",
                        k.confluentPlatformKafkaClusterId()),
                new Field("Cloud", "cloud", k.cloud()),
                new Field("Region", "region", k.region()),
                new Field("Environment", "environment", k.environment()));
    }
}
