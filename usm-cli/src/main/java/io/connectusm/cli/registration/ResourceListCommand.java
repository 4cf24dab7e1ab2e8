package io.connectusm.cli.registration;

import java.util.List;

import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> list --environment <env>} for any {@link UsmResource}: every resource of an environment,
 * through every page, sorted as Confluent sorts its lists ({@code None found.} or {@code []} when there is none).
 * A subclass per kind is the picocli command and carries the {@code @Command}. One instance per command run.
 *
 * @param <T> the client's record of the kind
 */
public abstract class ResourceListCommand<T> extends ResourceCommand<T> {

    @Mixin
    OutputOption output;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment, e.g. env-abc123 (env USM_ENVIRONMENT; default: the login's).")
    String environment;

    protected ResourceListCommand(UsmResource<T> resource) {
        super(resource);
    }

    @Override
    final String run() {
        String env = connection.environment(environment);
        List<List<Field>> items = resource.lister().list(connection.client(), env).stream()
                .map(resource.fields()).toList();
        return ResultPrinter.list(output.format(), items);
    }
}
