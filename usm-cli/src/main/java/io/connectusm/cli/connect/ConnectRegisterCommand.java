package io.connectusm.cli.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.cli.login.ResourceRegisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code usm connect register <connect-id> --confluent-platform-kafka-cluster <id> [--cloud] [--region]}. */
@Command(name = "register", aliases = "create",
        description = "Register a Confluent Platform Connect cluster with USM.")
final class ConnectRegisterCommand extends ResourceRegisterCommand {

    @Parameters(index = "0", paramLabel = "CONNECT_ID",
            description = "The Connect cluster ID (the workers' group.id), as 'usm connect cluster list' shows it.")
    String connectClusterId;

    @Option(names = "--confluent-platform-kafka-cluster", required = true, paramLabel = "ID",
            description = "ID of the Kafka cluster the workers use; it must be registered (usm kafka register).")
    String kafkaClusterId;

    @Option(names = "--cloud", paramLabel = "CLOUD",
            description = "aws, azure or gcp (default: the Kafka cluster's).")
    String cloud;

    @Option(names = "--region", paramLabel = "REGION", description = "e.g. us-east-1 (default: the Kafka cluster's).")
    String region;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the Connect cluster ID).")
    String name;

    ConnectRegisterCommand() {
        super(ConnectClusters.RESOURCE);
    }

    @Override
    protected ObjectNode body() {
        ObjectNode body = newBody();
        body.put("confluent_platform_connect_cluster_id", connectClusterId);
        body.put("kafka_cluster_id", kafkaClusterId);
        putIfSet(body, "cloud", cloud);
        putIfSet(body, "region", region);
        putIfSet(body, "display_name", name);
        return body;
    }
}
