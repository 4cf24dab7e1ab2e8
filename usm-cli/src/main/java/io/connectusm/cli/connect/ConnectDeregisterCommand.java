package io.connectusm.cli.connect;

import java.util.List;

import io.connectusm.api.ConnectCluster;
import io.connectusm.cli.registration.ResourceDeregisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code usm connect-cluster deregister <usmcc-id>… [--force]} (alias {@code delete}): asks {@code (y/n)} first. */
@Command(name = "deregister", aliases = "delete",
        description = "Deregister one or more USM Connect clusters; their stored connectors and history are removed "
                + "too.",
        footerHeading = "%nExamples:%n", footer = "  usm connect-cluster deregister usmcc-abc123 --environment env-12345")
final class ConnectDeregisterCommand extends ResourceDeregisterCommand<ConnectCluster> {

    @Parameters(arity = "1..*", paramLabel = "<id>", description = "usmcc-… IDs: <id-1> [id-2] … [id-n].")
    List<String> ids;

    ConnectDeregisterCommand() {
        super(ConnectClusters.RESOURCE);
    }

    @Override
    protected List<String> ids() {
        return ids;
    }
}
