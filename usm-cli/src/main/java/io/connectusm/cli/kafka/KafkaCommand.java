package io.connectusm.cli.kafka;

import picocli.CommandLine.Command;

/** {@code usm kafka-cluster} (alias {@code kafka}): USM registrations of Confluent Platform Kafka clusters. */
@Command(name = "kafka-cluster", aliases = "kafka",
        description = "Manage USM Kafka clusters: register, list, describe and deregister Confluent Platform Kafka "
                + "clusters.",
        subcommands = {KafkaRegisterCommand.class, KafkaListCommand.class, KafkaDescribeCommand.class,
                KafkaDeregisterCommand.class})
public final class KafkaCommand {
}
