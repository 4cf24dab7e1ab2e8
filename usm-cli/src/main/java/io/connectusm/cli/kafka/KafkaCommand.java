package io.connectusm.cli.kafka;

import picocli.CommandLine.Command;

/** {@code usm kafka}: USM registrations of Confluent Platform Kafka clusters. */
@Command(name = "kafka", aliases = "kafka-cluster",
        description = "Register, list, describe and deregister Kafka clusters with USM.",
        subcommands = {KafkaRegisterCommand.class, KafkaListCommand.class, KafkaDescribeCommand.class,
                KafkaDeregisterCommand.class})
public final class KafkaCommand {
}
