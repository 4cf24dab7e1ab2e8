package io.connectusm.cli.connect;

import io.connectusm.cli.login.ResourceDescribeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code usm connect describe <usmcc-id>}. */
@Command(name = "describe", description = "Describe a USM Connect cluster.")
final class ConnectDescribeCommand extends ResourceDescribeCommand {

    @Parameters(index = "0", paramLabel = "USM_CONNECT_CLUSTER_ID", description = "The usmcc-… ID.")
    String id;

    ConnectDescribeCommand() {
        super(ConnectClusters.RESOURCE);
    }

    @Override
    protected String id() {
        return id;
    }
}
