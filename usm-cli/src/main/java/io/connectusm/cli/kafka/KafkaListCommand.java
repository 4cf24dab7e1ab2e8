package io.connectusm.cli.kafka;

import io.connectusm.cli.login.ResourceListCommand;
import picocli.CommandLine.Command;

/** {@code usm kafka list --environment <env>}. */
@Command(name = "list", description = "List the USM Kafka clusters of an environment.")
final class KafkaListCommand extends ResourceListCommand {

    KafkaListCommand() {
        super(KafkaClusters.RESOURCE);
    }
}
