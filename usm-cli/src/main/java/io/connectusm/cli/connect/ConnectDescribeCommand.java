package io.connectusm.cli.connect;

import io.connectusm.api.ConnectCluster;
import io.connectusm.cli.registration.ResourceDescribeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code usm connect-cluster describe <usmcc-id>}. */
@Command(name = "describe", description = "Describe a USM Connect cluster.",
        footerHeading = "%nExamples:%n", footer = "  usm connect-cluster describe usmcc-abc123")
final class ConnectDescribeCommand extends ResourceDescribeCommand<ConnectCluster> {

    @Parameters(index = "0", paramLabel = "<id>", description = "The usmcc-… ID.")
    String id;

    ConnectDescribeCommand() {
        super(ConnectClusters.RESOURCE);
    }

    @Override
    protected String id() {
        return id;
    }
}
