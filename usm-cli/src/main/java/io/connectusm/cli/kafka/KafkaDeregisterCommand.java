package io.connectusm.cli.kafka;

import java.util.concurrent.Callable;

import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.login.Deregistration;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code usm kafka deregister <usmkc-id> [--force]}; refused while Connect clusters are registered under it. */
@Command(name = "deregister", aliases = "delete",
        description = "Deregister a USM Kafka cluster (deregister its Connect clusters first).")
final class KafkaDeregisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "USM_KAFKA_CLUSTER_ID", description = "The usmkc-… ID.")
    String id;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment the cluster must be in (optional).")
    String environment;

    @Option(names = "--force", description = "Skip the confirmation question.")
    boolean force;

    Terminal terminal = Terminal.system();

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> Deregistration.run(connection, terminal, spec.commandLine().getOut(),
                "USM Kafka cluster", ResourceIds.KAFKA_CLUSTER_PREFIX, "/usm/v1/kafka-clusters", id, environment,
                force));
    }
}
