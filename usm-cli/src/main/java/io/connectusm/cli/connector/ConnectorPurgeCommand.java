package io.connectusm.cli.connector;

import java.io.PrintWriter;

import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code usm connect-cluster connector purge NAME --connect-cluster usmcc-… [--force]}: deletes every history entry
 * the endpoint stores for a connector (e.g. after a value that should never have left the worker was recorded in a
 * config diff), also of a deleted connector; its current state stays. Asks {@code (y/n)} first unless forced, as
 * {@code deregister} does; the connector must be known to the endpoint before anything is asked.
 */
@Command(name = "purge", description = "Delete a connector's stored history at the endpoint (its current state "
        + "stays).",
        footerHeading = "%nExamples:%n",
        footer = {"  usm connect-cluster connector purge my-connector \\",
            "      --connect-cluster usmcc-abc123 --force"})
final class ConnectorPurgeCommand extends ConnectorReadCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The connector's name.")
    String name;

    @Option(names = "--force", description = "Skip the confirmation prompt.")
    boolean force;

    /** Where the answer to the question comes from; tests replace it. */
    Terminal terminal = Terminal.system();

    @Override
    String run(UsmApiClient client, String environment) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            // Known first (also a deleted connector, whose history stays): nothing is asked about a typo.
            client.connectorHistory(connectCluster, name, environment);
            if (!force && !terminal.confirm(out, "Are you sure you want to purge the history of connector \""
                    + name + "\"?")) {
                return "Nothing purged.\n";
            }
            client.purgeConnectorHistory(connectCluster, name, environment);
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                throw notFound(client, name, environment, e);
            }
            throw e;
        }
        return "Purged the history of connector \"" + name + "\".\n";
    }
}
