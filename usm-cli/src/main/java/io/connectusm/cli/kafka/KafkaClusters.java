package io.connectusm.cli.kafka;

import java.util.List;

import io.connectusm.cli.login.UsmResource;
import io.connectusm.cli.login.UsmResource.Column;
import io.connectusm.cli.output.ResourceIds;

/** USM Kafka clusters as the {@code usm kafka} commands handle and print them. Stateless. */
final class KafkaClusters {

    static final UsmResource RESOURCE = new UsmResource("USM Kafka cluster", ResourceIds.KAFKA_CLUSTER_PREFIX,
            "/usm/v1/kafka-clusters", List.of(
                    new Column("ID", "id", "/id"),
                    new Column("Name", "name", "/display_name"),
                    new Column("Confluent Platform Kafka Cluster ID", "confluent_platform_kafka_cluster_id",
                            "/confluent_platform_kafka_cluster_id"),
                    new Column("Cloud", "cloud", "/cloud"),
                    new Column("Region", "region", "/region"),
                    new Column("Environment", "environment", "/environment/id")));

    private KafkaClusters() {
    }
}
