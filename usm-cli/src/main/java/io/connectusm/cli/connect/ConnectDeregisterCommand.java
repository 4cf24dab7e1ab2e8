package io.connectusm.cli.connect;

import io.connectusm.cli.login.ResourceDeregisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code usm connect deregister <usmcc-id> [--force]}: asks {@code (y/n)} first unless forced. */
@Command(name = "deregister", aliases = "delete",
        description = "Deregister a USM Connect cluster; its stored connectors and history are removed too.")
final class ConnectDeregisterCommand extends ResourceDeregisterCommand {

    @Parameters(index = "0", paramLabel = "USM_CONNECT_CLUSTER_ID", description = "The usmcc-… ID.")
    String id;

    ConnectDeregisterCommand() {
        super(ConnectClusters.RESOURCE);
    }

    @Override
    protected String id() {
        return id;
    }
}
