package io.connectusm.cli.kafka;

import java.util.List;
import java.util.concurrent.Callable;

import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code usm kafka list --environment <env>}. */
@Command(name = "list", description = "List the USM Kafka clusters of an environment.")
final class KafkaListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment, e.g. env-abc123 (env USM_ENVIRONMENT; default: the login's).")
    String environment;

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            String env = connection.environment(environment);
            List<List<Field>> items = connection.client().listAll("/usm/v1/kafka-clusters", env).stream()
                    .map(KafkaClusterFields::of).toList();
            return ResultPrinter.list(output.format(), items, KafkaClusterFields.LABELS);
        });
    }
}
