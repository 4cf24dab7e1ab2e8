package io.connectusm.cli.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.cli.login.ResourceRegisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code usm kafka register --confluent-platform-kafka-cluster <id> --cloud aws --region us-east-1}. */
@Command(name = "register", aliases = "create",
        description = "Register a Confluent Platform Kafka cluster with USM.")
final class KafkaRegisterCommand extends ResourceRegisterCommand {

    @Option(names = "--confluent-platform-kafka-cluster", required = true, paramLabel = "ID",
            description = "The Kafka cluster's ID, as its brokers report it.")
    String kafkaClusterId;

    @Option(names = "--cloud", required = true, paramLabel = "CLOUD", description = "aws, azure or gcp.")
    String cloud;

    @Option(names = "--region", required = true, paramLabel = "REGION",
            description = "Home region, e.g. us-east-1; the default of its Connect clusters.")
    String region;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the Kafka cluster ID).")
    String name;

    KafkaRegisterCommand() {
        super(KafkaClusters.RESOURCE);
    }

    @Override
    protected ObjectNode body() {
        ObjectNode body = newBody();
        body.put("confluent_platform_kafka_cluster_id", kafkaClusterId);
        // Required, so put even when blank: the endpoint then says what a cloud or region must be.
        body.put("cloud", cloud);
        body.put("region", region);
        putIfSet(body, "display_name", name);
        return body;
    }
}
