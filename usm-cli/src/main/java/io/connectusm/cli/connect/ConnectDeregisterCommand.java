package io.connectusm.cli.connect;

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

/** {@code usm connect deregister <usmcc-id> [--force]}: asks {@code (y/n)} first unless forced. */
@Command(name = "deregister", aliases = "delete",
        description = "Deregister a USM Connect cluster; its stored connectors and history are removed too.")
final class ConnectDeregisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "USM_CONNECT_CLUSTER_ID", description = "The usmcc-… ID.")
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
                "USM Connect cluster", ResourceIds.CONNECT_CLUSTER_PREFIX, "/usm/v1/connect-clusters", id,
                environment, force));
    }
}
