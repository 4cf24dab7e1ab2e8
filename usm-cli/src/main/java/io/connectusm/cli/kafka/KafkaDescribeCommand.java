package io.connectusm.cli.kafka;

import io.connectusm.cli.login.ResourceDescribeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code usm kafka describe <usmkc-id>}. */
@Command(name = "describe", description = "Describe a USM Kafka cluster.")
final class KafkaDescribeCommand extends ResourceDescribeCommand {

    @Parameters(index = "0", paramLabel = "USM_KAFKA_CLUSTER_ID", description = "The usmkc-… ID.")
    String id;

    KafkaDescribeCommand() {
        super(KafkaClusters.RESOURCE);
    }

    @Override
    protected String id() {
        return id;
    }
}
