package io.connectusm.cli.login;

import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> describe <id>} for any {@link UsmResource}: checks the ID prefix, gets the resource (optionally
 * only from one environment) and prints it. A subclass per kind is the picocli command: it carries the
 * {@code @Command} and the ID parameter, whose label names the kind. One instance per command run.
 */
public abstract class ResourceDescribeCommand extends ResourceCommand {

    @Mixin
    OutputOption output;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment the cluster must be in (optional).")
    String environment;

    protected ResourceDescribeCommand(UsmResource resource) {
        super(resource);
    }

    /** The ID to describe, from the subclass's positional parameter. */
    protected abstract String id();

    @Override
    final String run() {
        String id = ResourceIds.require(id(), resource.idPrefix());
        String query = environment == null ? "" : "?environment=" + UsmApiClient.encode(environment);
        return ResultPrinter.describe(output.format(),
                resource.fields(connection.client().get(resource.collectionPath() + "/" + id + query)));
    }
}
