package io.connectusm.cli.kafka;

import io.connectusm.api.KafkaCluster;
import io.connectusm.cli.registration.ResourceDescribeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code usm kafka-cluster describe <usmkc-id>}. */
@Command(name = "describe", description = "Describe a USM Kafka cluster.",
        footerHeading = "%nExamples:%n", footer = "  usm kafka-cluster describe usmkc-abc123")
final class KafkaDescribeCommand extends ResourceDescribeCommand<KafkaCluster> {

    @Parameters(index = "0", paramLabel = "<id>", description = "The usmkc-… ID.")
    String id;

    KafkaDescribeCommand() {
        super(KafkaClusters.RESOURCE);
    }

    @Override
    protected String id() {
        return id;
    }
}
