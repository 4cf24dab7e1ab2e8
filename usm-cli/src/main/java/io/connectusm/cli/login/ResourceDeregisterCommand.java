package io.connectusm.cli.login;

import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.Terminal;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> deregister <id> [--force]} for any {@link UsmResource}: checks the ID prefix, asks
 * {@code Are you sure you want to deregister <kind> "<id>"? (y/n): } unless forced, deletes, and says
 * {@code Deregistered <kind> "<id>".}. A subclass per kind is the picocli command: it carries the
 * {@code @Command} and the ID parameter, whose label names the kind. One instance per command run.
 */
public abstract class ResourceDeregisterCommand extends ResourceCommand {

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment the cluster must be in (optional).")
    String environment;

    @Option(names = "--force", description = "Skip the confirmation question.")
    boolean force;

    /** Where the answer to the question comes from; tests replace it. */
    Terminal terminal = Terminal.system();

    protected ResourceDeregisterCommand(UsmResource resource) {
        super(resource);
    }

    /** The ID to deregister, from the subclass's positional parameter. */
    protected abstract String id();

    @Override
    final String run() {
        String id = ResourceIds.require(id(), resource.idPrefix());
        UsmApiClient client = connection.client();
        String question = "Are you sure you want to deregister " + resource.kind() + " \"" + id + "\"?";
        if (!force && !terminal.confirm(spec.commandLine().getOut(), question)) {
            return "";
        }
        // Blank means no filter here, whereas describe sends it as given: both kept as released.
        String query = environment == null || environment.isBlank() ? ""
                : "?environment=" + UsmApiClient.encode(environment);
        client.delete(resource.collectionPath() + "/" + id + query);
        return "Deregistered " + resource.kind() + " \"" + id + "\".\n";
    }
}
