package io.connectusm.cli.kafka;

import java.util.concurrent.Callable;

import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.login.UsmApiClient;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code usm kafka describe <usmkc-id>}. */
@Command(name = "describe", description = "Describe a USM Kafka cluster.")
final class KafkaDescribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Parameters(index = "0", paramLabel = "USM_KAFKA_CLUSTER_ID", description = "The usmkc-… ID.")
    String id;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment the cluster must be in (optional).")
    String environment;

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            ResourceIds.require(id, ResourceIds.KAFKA_CLUSTER_PREFIX);
            String query = environment == null ? "" : "?environment=" + UsmApiClient.encode(environment);
            return ResultPrinter.describe(output.format(),
                    KafkaClusterFields.of(connection.client().get("/usm/v1/kafka-clusters/" + id + query)));
        });
    }
}
