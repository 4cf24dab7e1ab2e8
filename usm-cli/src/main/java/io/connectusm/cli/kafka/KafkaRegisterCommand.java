package io.connectusm.cli.kafka;

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
import picocli.CommandLine.Spec;

/** {@code usm kafka register --confluent-platform-kafka-cluster <id> --cloud aws --region us-east-1}. */
@Command(name = "register", aliases = "create",
        description = "Register a Confluent Platform Kafka cluster with USM.")
final class KafkaRegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

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

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment, e.g. env-abc123 (env USM_ENVIRONMENT; default: the login's, else the endpoint's).")
    String environment;

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            ObjectNode body = new ObjectMapper().createObjectNode();
            body.put("confluent_platform_kafka_cluster_id", kafkaClusterId);
            body.put("cloud", cloud);
            body.put("region", region);
            if (name != null && !name.isBlank()) {
                body.put("display_name", name);
            }
            String env = connection.environmentOrNull(environment);
            if (env != null) {
                body.putObject("environment").put("id", env);
            }
            return ResultPrinter.describe(output.format(),
                    KafkaClusterFields.of(connection.client().post("/usm/v1/kafka-clusters", body)));
        });
    }
}
