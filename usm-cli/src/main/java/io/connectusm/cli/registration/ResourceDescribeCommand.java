package io.connectusm.cli.registration;

import java.util.List;

import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> describe <id>} for any {@link UsmResource}: checks the ID prefix (a usage error), gets the
 * resource (optionally only from one environment) and prints it; an unknown ID is Confluent's not-found error
 * with its suggestion. A subclass per kind is the picocli command: it carries the {@code @Command} and the ID
 * parameter, whose label names the kind. One instance per command run.
 *
 * @param <T> the client's record of the kind
 */
public abstract class ResourceDescribeCommand<T> extends ResourceCommand<T> {

    @Mixin
    OutputOption output;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment the cluster must be in (optional).")
    String environment;

    protected ResourceDescribeCommand(UsmResource<T> resource) {
        super(resource);
    }

    /** The ID to describe, from the subclass's positional parameter. */
    protected abstract String id();

    @Override
    final String run() {
        String id = ResourceIds.require(id(), resource.idPrefix());
        T found;
        try {
            found = resource.getter().get(connection.client(), id, environment);
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                throw notFound(List.of(id));
            }
            throw e;
        }
        return ResultPrinter.describe(output.format(), resource.fields().apply(found));
    }
}
