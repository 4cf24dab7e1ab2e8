package io.connectusm.cli.kafka;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.connectusm.cli.output.Field;

/** How a USM Kafka cluster prints in tables, JSON and YAML. Stateless. */
final class KafkaClusterFields {

    static final List<String> LABELS = List.of("ID", "Name", "Confluent Platform Kafka Cluster ID", "Cloud", "Region",
            "Environment");

    private KafkaClusterFields() {
    }

    static List<Field> of(JsonNode k) {
        return List.of(
                new Field(LABELS.get(0), "id", k.path("id").asText()),
                new Field(LABELS.get(1), "name", k.path("display_name").asText()),
                new Field(LABELS.get(2), "confluent_platform_kafka_cluster_id",
                        k.path("confluent_platform_kafka_cluster_id").asText()),
                new Field(LABELS.get(3), "cloud", k.path("cloud").asText()),
                new Field(LABELS.get(4), "region", k.path("region").asText()),
                new Field(LABELS.get(5), "environment", k.path("environment").path("id").asText()));
    }
}
