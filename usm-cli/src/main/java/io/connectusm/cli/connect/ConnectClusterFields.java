package io.connectusm.cli.connect;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.connectusm.cli.output.Field;

/** How a USM Connect cluster prints: the rows of Confluent's register/describe table, in its order. Stateless. */
final class ConnectClusterFields {

    static final List<String> LABELS = List.of("ID", "Confluent Platform Connect Cluster", "USM Kafka Cluster ID",
            "Confluent Platform Kafka Cluster ID", "Cloud", "Region", "Environment");

    private ConnectClusterFields() {
    }

    static List<Field> of(JsonNode cc) {
        return List.of(
                new Field(LABELS.get(0), "id", cc.path("id").asText()),
                new Field(LABELS.get(1), "confluent_platform_connect_cluster",
                        cc.path("confluent_platform_connect_cluster_id").asText()),
                new Field(LABELS.get(2), "usm_kafka_cluster_id", cc.path("usm_kafka_cluster_id").asText()),
                new Field(LABELS.get(3), "confluent_platform_kafka_cluster_id", cc.path("kafka_cluster_id").asText()),
                new Field(LABELS.get(4), "cloud", cc.path("cloud").asText()),
                new Field(LABELS.get(5), "region", cc.path("region").asText()),
                new Field(LABELS.get(6), "environment", cc.path("environment").path("id").asText()));
    }
}
