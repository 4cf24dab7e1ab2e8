package io.connectusm.cli.kafka;

import io.connectusm.api.KafkaCluster;
import io.connectusm.cli.registration.ResourceListCommand;
import picocli.CommandLine.Command;

/** {@code usm kafka-cluster list [--environment <env>]}. */
@Command(name = "list", description = "List USM Kafka clusters.",
        footerHeading = "%nExamples:%n", footer = "  usm kafka-cluster list --environment env-12345")
final class KafkaListCommand extends ResourceListCommand<KafkaCluster> {

    KafkaListCommand() {
        super(KafkaClusters.RESOURCE);
    }
}
