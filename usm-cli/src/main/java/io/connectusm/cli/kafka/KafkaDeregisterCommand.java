package io.connectusm.cli.kafka;

import io.connectusm.cli.login.ResourceDeregisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code usm kafka deregister <usmkc-id> [--force]}; refused while Connect clusters are registered under it. */
@Command(name = "deregister", aliases = "delete",
        description = "Deregister a USM Kafka cluster (deregister its Connect clusters first).")
final class KafkaDeregisterCommand extends ResourceDeregisterCommand {

    @Parameters(index = "0", paramLabel = "USM_KAFKA_CLUSTER_ID", description = "The usmkc-… ID.")
    String id;

    KafkaDeregisterCommand() {
        super(KafkaClusters.RESOURCE);
    }

    @Override
    protected String id() {
        return id;
    }
}
