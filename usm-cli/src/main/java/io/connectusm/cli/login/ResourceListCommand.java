package io.connectusm.cli.login;

import java.util.List;

import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> list --environment <env>} for any {@link UsmResource}: every resource of an environment,
 * following the API's pages. A subclass per kind is the picocli command and carries the {@code @Command}. One
 * instance per command run.
 */
public abstract class ResourceListCommand extends ResourceCommand {

    @Mixin
    OutputOption output;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment, e.g. env-abc123 (env USM_ENVIRONMENT; default: the login's).")
    String environment;

    protected ResourceListCommand(UsmResource resource) {
        super(resource);
    }

    @Override
    final String run() {
        String env = connection.environment(environment);
        List<List<Field>> items = connection.client().listAll(resource.collectionPath(), env).stream()
                .map(resource::fields).toList();
        return ResultPrinter.list(output.format(), items, resource.labels());
    }
}
