package io.connectusm.cli.connect;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code usm connect register <connect-id> --confluent-platform-kafka-cluster <id> [--cloud] [--region]}. */
@Command(name = "register", aliases = "create",
        description = "Register a Confluent Platform Connect cluster with USM.")
final class ConnectRegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

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

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment, e.g. env-abc123 (env USM_ENVIRONMENT; default: the login's, else the endpoint's).")
    String environment;

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            ObjectNode body = new ObjectMapper().createObjectNode();
            body.put("confluent_platform_connect_cluster_id", connectClusterId);
            body.put("kafka_cluster_id", kafkaClusterId);
            putIfSet(body, "cloud", cloud);
            putIfSet(body, "region", region);
            putIfSet(body, "display_name", name);
            String env = connection.environmentOrNull(environment);
            if (env != null) {
                body.putObject("environment").put("id", env);
            }
            return ResultPrinter.describe(output.format(),
                    ConnectClusterFields.of(connection.client().post("/usm/v1/connect-clusters", body)));
        });
    }

    static void putIfSet(ObjectNode body, String key, String value) {
        if (value != null && !value.isBlank()) {
            body.put(key, value);
        }
    }
}
