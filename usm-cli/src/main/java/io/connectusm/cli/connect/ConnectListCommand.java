package io.connectusm.cli.connect;

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

/** {@code usm connect list --environment <env>}: every registered Connect cluster of an environment. */
@Command(name = "list", description = "List the USM Connect clusters of an environment.")
final class ConnectListCommand implements Callable<Integer> {

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
            List<List<Field>> items = connection.client().listAll("/usm/v1/connect-clusters", env).stream()
                    .map(ConnectClusterFields::of).toList();
            return ResultPrinter.list(output.format(), items, ConnectClusterFields.LABELS);
        });
    }
}
